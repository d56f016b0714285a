/**
 * DescribeRestoreJob (GET /restore-jobs/{restoreJobId}): the job as it stands, after the next
 * status its script holds (each call is one look at the job, as a waiter's poll is).
 */
import { type Handler, label } from "../handler.js";
import { jsonAnswer, notFound } from "../wire.js";

export const describeRestoreJob: Handler = (request, { store }) => {
  const id = label(request, "restoreJobId");
  const job = store.observe(id);
  if (!job) throw notFound(`Restore job ${id}`);
  return jsonAnswer(job);
};
