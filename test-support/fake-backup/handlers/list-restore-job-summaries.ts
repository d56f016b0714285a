/**
 * ListRestoreJobSummaries (GET /audit/restore-job-summaries): job counts over the prior 14 days,
 * by Region, account, state and resource type, as the model's documentation describes them:
 * ONE_DAY (the default here) counts each of the 14 days, SEVEN_DAYS and FOURTEEN_DAYS one window
 * each; a filter's ANY (or no filter) counts each value apart, AGGREGATE_ALL sums them under that
 * name. Without AccountId only the caller's own account is counted.
 */
import { type Handler, listAnswer } from "../handler.js";
import {
  type AggregationPeriod,
  aggregationPeriods,
  resourceType,
  restoreJobStates,
  summaryAccountId,
} from "../shapes.js";
import type { RestoreJob } from "../store.js";

const dayMs = 86_400_000;

function windows(period: AggregationPeriod, now: Date): { start: Date; end: Date }[] {
  if (period !== "ONE_DAY") {
    const days = period === "SEVEN_DAYS" ? 7 : 14;
    return [{ start: new Date(now.getTime() - days * dayMs), end: now }];
  }
  const today = Math.floor(now.getTime() / dayMs) * dayMs;
  return Array.from({ length: 14 }, (_, i) => ({
    start: new Date(today - i * dayMs),
    end: new Date(today - (i - 1) * dayMs),
  }));
}

/** How one dimension counts: only `value`, each value apart, or all summed under AGGREGATE_ALL. */
function dimension(filter: string | undefined): {
  keeps(value: string | undefined): boolean;
  key(value: string | undefined): string | undefined;
} {
  if (filter === "AGGREGATE_ALL") return { keeps: () => true, key: () => "AGGREGATE_ALL" };
  if (filter === undefined || filter === "ANY") return { keeps: () => true, key: (value) => value };
  return { keeps: (value) => value === filter, key: (value) => value };
}

export const listRestoreJobSummaries: Handler = (request, context) => {
  const q = request.query;
  const accountFilter = q.string("AccountId", summaryAccountId) ?? context.accountId;
  const account = dimension(accountFilter);
  const state = dimension(q.string("State", { enum: restoreJobStates }));
  const type = dimension(q.string("ResourceType", resourceType));
  const period = (q.string("AggregationPeriod", { enum: aggregationPeriods }) ??
    "ONE_DAY") as AggregationPeriod;
  const jobs = context.store.all();
  const summaries = windows(period, context.now()).flatMap(({ start, end }) => {
    const groups = new Map<string, { job: RestoreJob; count: number }>();
    for (const job of jobs) {
      if (job.CreationDate < start || job.CreationDate >= end) continue;
      if (!account.keeps(job.AccountId) || !state.keeps(job.Status) || !type.keeps(job.ResourceType))
        continue;
      const key = JSON.stringify([
        account.key(job.AccountId),
        state.key(job.Status),
        type.key(job.ResourceType),
      ]);
      const group = groups.get(key);
      if (group) group.count++;
      else groups.set(key, { job, count: 1 });
    }
    return [...groups.values()].map(({ job, count }) => ({
      Region: context.region,
      AccountId: account.key(job.AccountId),
      State: state.key(job.Status),
      ResourceType: type.key(job.ResourceType),
      Count: count,
      StartTime: start,
      EndTime: end,
    }));
  });
  return listAnswer(
    request,
    context,
    {
      operation: "ListRestoreJobSummaries",
      member: "RestoreJobSummaries",
      items: summaries,
      tokenName: "NextToken",
      sizeName: "MaxResults",
    },
    { AggregationPeriod: period },
  );
};
