/**
 * The spec's request schema as the test servers check it: the validator `npm run generate` makes
 * for the client, which is the spec's request body schema and nothing else.
 */
export { validateStartRestoreJobInput } from "../packages/restore-jobs/generated/validate-request.js";
