/**
 * The eight restore-job operations of AWS Backup as the fake routes them: method and path as
 * AWS's SDKs send them (the model's `/restore-jobs/` without its trailing slash; a request the
 * SDKs would not send finds no operation), URI labels by the model's locationName, each segment
 * percent-decoded once (an ARN's `:` and `/` arrive as `%3A` and `%2F`).
 */
import type { Handler } from "./handler.js";
import { describeRestoreJob } from "./handlers/describe-restore-job.js";
import { getRecoveryPointRestoreMetadata } from "./handlers/get-recovery-point-restore-metadata.js";
import { getRestoreJobMetadata } from "./handlers/get-restore-job-metadata.js";
import { listRestoreJobSummaries } from "./handlers/list-restore-job-summaries.js";
import { listRestoreJobs } from "./handlers/list-restore-jobs.js";
import { listRestoreJobsByProtectedResource } from "./handlers/list-restore-jobs-by-protected-resource.js";
import { putRestoreValidationResult } from "./handlers/put-restore-validation-result.js";
import { startRestoreJob } from "./handlers/start-restore-job.js";
import { invalidParameter } from "./wire.js";

const routes = {
  StartRestoreJob: { method: "PUT", path: "/restore-jobs", handler: startRestoreJob },
  GetRecoveryPointRestoreMetadata: {
    method: "GET",
    path: "/backup-vaults/{backupVaultName}/recovery-points/{recoveryPointArn}/restore-metadata",
    handler: getRecoveryPointRestoreMetadata,
  },
  DescribeRestoreJob: { method: "GET", path: "/restore-jobs/{restoreJobId}", handler: describeRestoreJob },
  GetRestoreJobMetadata: {
    method: "GET",
    path: "/restore-jobs/{restoreJobId}/metadata",
    handler: getRestoreJobMetadata,
  },
  ListRestoreJobs: { method: "GET", path: "/restore-jobs", handler: listRestoreJobs },
  ListRestoreJobsByProtectedResource: {
    method: "GET",
    path: "/resources/{resourceArn}/restore-jobs",
    handler: listRestoreJobsByProtectedResource,
  },
  ListRestoreJobSummaries: {
    method: "GET",
    path: "/audit/restore-job-summaries",
    handler: listRestoreJobSummaries,
  },
  PutRestoreValidationResult: {
    method: "PUT",
    path: "/restore-jobs/{restoreJobId}/validations",
    handler: putRestoreValidationResult,
  },
} satisfies Record<string, { method: string; path: string; handler: Handler }>;

export type OperationName = keyof typeof routes;
export const operationNames = Object.keys(routes) as OperationName[];

export interface Route {
  operation: OperationName;
  handler: Handler;
  labels: Record<string, string>;
}

function decodeSegment(segment: string, name: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalidParameter(`${name} is not validly percent-encoded: "${segment}".`);
  }
}

/** The operation a method and path (without the query) name, or undefined. */
export function route(method: string, path: string): Route | undefined {
  const segments = path.split("/");
  for (const [operation, spec] of Object.entries(routes) as [
    OperationName,
    (typeof routes)[OperationName],
  ][]) {
    if (spec.method !== method) continue;
    const template = spec.path.split("/");
    if (template.length !== segments.length) continue;
    const labels: Record<string, string> = {};
    const matches = template.every((part, i) => {
      const segment = segments[i]!;
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return part === segment;
      labels[name] = segment;
      return true;
    });
    if (!matches) continue;
    for (const [name, raw] of Object.entries(labels)) labels[name] = decodeSegment(raw, name);
    return { operation, handler: spec.handler, labels };
  }
  return undefined;
}
