/**
 * What the restore-job operations' answers share, as the spec (and AWS's model) gives them: the
 * enums' values, a restore job's shape (DescribeRestoreJob's output and each ListRestoreJobs
 * item), and the output types the client returns, generated types with each timestamp a `Date`.
 * A long (BackupSizeInBytes, ExpectedCompletionTimeMinutes) is a number: exact up to 2^53 - 1,
 * rounded to the nearest double past it, as JSON.parse and the AWS SDK read it.
 */
import type { components } from "../../generated/schema.js";
import type { Shape } from "./aws-output.js";

type Schemas = components["schemas"];

/** `T` with the members `K` (epoch seconds on the wire) as `Date`s. */
export type WithDates<T, K extends keyof T> = Omit<T, K> & { [P in K]?: Date };

/** The values of a generated enum, from a record that must name each of them once. */
const values = <T extends string>(all: Record<T, true>) => Object.keys(all) as T[];

export const restoreJobStatuses = /* @__PURE__ */ values<Schemas["RestoreJobStatus"]>({
  PENDING: true,
  RUNNING: true,
  COMPLETED: true,
  ABORTED: true,
  FAILED: true,
});
export const restoreJobStates = /* @__PURE__ */ values<Schemas["RestoreJobState"]>({
  CREATED: true,
  PENDING: true,
  RUNNING: true,
  ABORTED: true,
  COMPLETED: true,
  FAILED: true,
  AGGREGATE_ALL: true,
  ANY: true,
});
const validationStatuses = /* @__PURE__ */ values<Schemas["RestoreValidationStatus"]>({
  FAILED: true,
  SUCCESSFUL: true,
  TIMED_OUT: true,
  VALIDATING: true,
});
const deletionStatuses = /* @__PURE__ */ values<Schemas["RestoreDeletionStatus"]>({
  DELETING: true,
  FAILED: true,
  SUCCESSFUL: true,
});

type JobDates = "CreationDate" | "CompletionDate" | "RecoveryPointCreationDate";
/** A restore job as DescribeRestoreJob answers it. */
export type RestoreJobDescription = WithDates<Schemas["DescribeRestoreJobOutput"], JobDates>;
/** A restore job as ListRestoreJobs and ListRestoreJobsByProtectedResource list it. */
export type RestoreJobsListMember = WithDates<Schemas["RestoreJobsListMember"], JobDates>;
export type RestoreJobSummary = WithDates<Schemas["RestoreJobSummary"], "StartTime" | "EndTime">;

/** The members of a restore job (RestoreJobsListMember; DescribeRestoreJobOutput has the same). */
export const restoreJobShape = {
  AccountId: "string",
  RestoreJobId: "string",
  RecoveryPointArn: "string",
  SourceResourceArn: "string",
  BackupVaultArn: "string",
  CreationDate: "timestamp",
  CompletionDate: "timestamp",
  Status: ["enum", restoreJobStatuses],
  StatusMessage: "string",
  PercentDone: "string",
  BackupSizeInBytes: "number",
  IamRoleArn: "string",
  ExpectedCompletionTimeMinutes: "number",
  CreatedResourceArn: "string",
  ResourceType: "string",
  RecoveryPointCreationDate: "timestamp",
  IsParent: "boolean",
  ParentJobId: "string",
  CreatedBy: { RestoreTestingPlanArn: "string" },
  ValidationStatus: ["enum", validationStatuses],
  ValidationStatusMessage: "string",
  DeletionStatus: ["enum", deletionStatuses],
  DeletionStatusMessage: "string",
} as const satisfies Record<keyof Schemas["RestoreJobsListMember"], Shape>;

/** A list operation's page of restore jobs. */
export const restoreJobsPageShape = { RestoreJobs: ["list", restoreJobShape], NextToken: "string" } as const;
