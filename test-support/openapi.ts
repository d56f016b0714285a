/**
 * The spec as the tests read it: the tools package's one OpenAPI loader, for the client's tests
 * that compare what the client sends with what the spec allows.
 */
export {
  bundledSpecPath,
  loadSpec,
  type OpenApiDocument,
  requestSchemaOf,
} from "../packages/restore-jobs-cli/src/openapi-document.js";
