/**
 * PutRestoreValidationResult, `PUT /restore-jobs/{restoreJobId}/validations`: reports whether a
 * restored resource was valid; answers 204 without a body. Idempotent (the model says so): the
 * same report sent again records the same result, so a failed attempt is retried.
 */
import { PutRestoreValidationResultBinding } from "../../generated/operations.js";
import type { components } from "../../generated/schema.js";
import { validatePutRestoreValidationResultInput } from "../../generated/validators/put-restore-validation-result.js";
import { awsOperation } from "./aws-operation.js";

export type PutRestoreValidationResultInput = components["schemas"]["PutRestoreValidationResultInput"];
/** The answer has no body: nothing to return. */
export type PutRestoreValidationResultOutput = Record<string, never>;

export const PutRestoreValidationResult = /* @__PURE__ */ awsOperation<
  PutRestoreValidationResultInput,
  PutRestoreValidationResultOutput
>({
  binding: PutRestoreValidationResultBinding,
  validate: validatePutRestoreValidationResultInput,
  idempotent: true,
});
