/**
 * PutRestoreValidationResult (PUT /restore-jobs/{restoreJobId}/validations): records the result
 * (the store keeps every report; the job's description shows the latest) and answers 204.
 */
import { type Handler, jobOf } from "../handler.js";
import { type RestoreValidationStatus, restoreValidationStatuses } from "../shapes.js";
import { BodyReader } from "../wire.js";

export const putRestoreValidationResult: Handler = (request, context) => {
  const job = jobOf(request, context);
  const body = new BodyReader(request.body);
  const ValidationStatus = body.string("ValidationStatus", {
    required: true,
    constraint: { enum: restoreValidationStatuses },
  }) as RestoreValidationStatus;
  const ValidationStatusMessage = body.string("ValidationStatusMessage");
  context.store.recordValidation({
    RestoreJobId: job.RestoreJobId,
    ValidationStatus,
    ...(ValidationStatusMessage === undefined ? {} : { ValidationStatusMessage }),
  });
  return { status: 204 };
};
