/**
 * ListRestoreJobsByProtectedResource (GET /resources/{resourceArn}/restore-jobs): the jobs that
 * restore that resource (their SourceResourceArn), newest first, paged.
 */
import { type Handler, label, listAnswer, within } from "../handler.js";
import { restoreJobStatuses } from "../shapes.js";

export const listRestoreJobsByProtectedResource: Handler = (request, context) => {
  const resource = label(request, "resourceArn");
  const q = request.query;
  const status = q.string("status", { enum: restoreJobStatuses });
  const after = q.timestamp("recoveryPointCreationDateAfter");
  const before = q.timestamp("recoveryPointCreationDateBefore");
  const items = context.store
    .all()
    .filter(
      (job) =>
        job.SourceResourceArn === resource &&
        (status === undefined || job.Status === status) &&
        within(job.RecoveryPointCreationDate, after, before),
    );
  return listAnswer(request, context, {
    operation: "ListRestoreJobsByProtectedResource",
    member: "RestoreJobs",
    items,
    tokenName: "nextToken",
    sizeName: "maxResults",
  });
};
