/** ListRestoreJobs (GET /restore-jobs): the jobs its filters keep, newest first, paged. */
import { type Handler, listAnswer, within } from "../handler.js";
import { accountId, resourceType, restoreJobStatuses } from "../shapes.js";

export const listRestoreJobs: Handler = (request, context) => {
  const q = request.query;
  const account = q.string("accountId", accountId);
  const type = q.string("resourceType", resourceType);
  const status = q.string("status", { enum: restoreJobStatuses });
  const createdAfter = q.timestamp("createdAfter");
  const createdBefore = q.timestamp("createdBefore");
  const completeAfter = q.timestamp("completeAfter");
  const completeBefore = q.timestamp("completeBefore");
  const plan = q.string("restoreTestingPlanArn");
  const parent = q.string("parentJobId");
  const items = context.store
    .all()
    .filter(
      (job) =>
        (account === undefined || job.AccountId === account) &&
        (type === undefined || job.ResourceType === type) &&
        (status === undefined || job.Status === status) &&
        within(job.CreationDate, createdAfter, createdBefore) &&
        within(job.CompletionDate, completeAfter, completeBefore) &&
        (plan === undefined || job.CreatedBy?.RestoreTestingPlanArn === plan) &&
        (parent === undefined || job.ParentJobId === parent),
    );
  return listAnswer(request, context, {
    operation: "ListRestoreJobs",
    member: "RestoreJobs",
    items,
    tokenName: "nextToken",
    sizeName: "maxResults",
  });
};
