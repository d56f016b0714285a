/** GetRestoreJobMetadata (GET /restore-jobs/{restoreJobId}/metadata): the Metadata the job started with. */
import { type Handler, jobOf } from "../handler.js";
import { jsonAnswer } from "../wire.js";

export const getRestoreJobMetadata: Handler = (request, context) => {
  const job = jobOf(request, context);
  return jsonAnswer({
    RestoreJobId: job.RestoreJobId,
    Metadata: context.store.get(job.RestoreJobId)!.metadata,
  });
};
