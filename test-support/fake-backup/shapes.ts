/**
 * The constraints of AWS Backup's model (backup-2018-11-15, service-2.json, Apache-2.0) that the
 * fake server enforces on the restore-job operations' inputs, written out here so the fake needs
 * nothing beside the repository at run time, and kept apart from the spec's generated validators
 * so a wrong spec cannot pass its own tests. Where the model's documentation lists values its
 * pattern forbids, the service accepts them: those are `also`.
 */
export interface Constraint {
  pattern?: RegExp;
  enum?: readonly string[];
  /** Values accepted beside the pattern or the enum. */
  also?: readonly string[];
}

/** RestoreJobStatus: what DescribeRestoreJob and ListRestoreJobs answer. */
export const restoreJobStatuses = ["PENDING", "RUNNING", "COMPLETED", "ABORTED", "FAILED"] as const;
/** RestoreJobState: ListRestoreJobSummaries' states, CREATED among them. */
export const restoreJobStates = [
  "CREATED",
  "PENDING",
  "RUNNING",
  "ABORTED",
  "COMPLETED",
  "FAILED",
  "AGGREGATE_ALL",
  "ANY",
] as const;
/** A status the fake lets a test give a job: RestoreJobStatus, and CREATED, which summaries count. */
export type JobStatus = (typeof restoreJobStatuses)[number] | "CREATED";

export const restoreValidationStatuses = ["FAILED", "SUCCESSFUL", "TIMED_OUT", "VALIDATING"] as const;
export type RestoreValidationStatus = (typeof restoreValidationStatuses)[number];
export const restoreDeletionStatuses = ["DELETING", "FAILED", "SUCCESSFUL"] as const;
export const aggregationPeriods = ["ONE_DAY", "SEVEN_DAYS", "FOURTEEN_DAYS"] as const;
export type AggregationPeriod = (typeof aggregationPeriods)[number];

export const accountId: Constraint = { pattern: /^[0-9]{12}$/ };
/** ListRestoreJobSummaries' AccountId: its documentation adds ANY and AGGREGATE_ALL. */
export const summaryAccountId: Constraint = { ...accountId, also: ["ANY", "AGGREGATE_ALL"] };
/** ResourceType: the documentation lists `Storage Gateway` and `SAP HANA on Amazon EC2`. */
export const resourceType: Constraint = {
  pattern: /^[a-zA-Z0-9\-_.]{1,50}$/,
  also: ["Storage Gateway", "SAP HANA on Amazon EC2"],
};
export const backupVaultName: Constraint = { pattern: /^[a-zA-Z0-9\-_]{2,50}$/ };
export const maxResults = { min: 1, max: 1000 };
