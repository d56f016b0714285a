/**
 * The fake AWS Backup server's state: restore jobs (started through the wire or added by a test),
 * the recovery points a test registers, and the validation results reported. A test moves a job
 * through its statuses at once (`advance`) or scripts what successive DescribeRestoreJob calls see
 * (`script`), which is how the waiter's tests drive a restore.
 */
import { randomUUID } from "node:crypto";
import type { JobStatus, RestoreValidationStatus } from "./shapes.js";
import type { Long } from "./wire.js";

/** A restore job as DescribeRestoreJob and ListRestoreJobs describe it (the model's members). */
export interface RestoreJob {
  AccountId: string;
  RestoreJobId: string;
  RecoveryPointArn: string;
  SourceResourceArn?: string;
  BackupVaultArn?: string;
  CreationDate: Date;
  CompletionDate?: Date;
  /** RestoreJobStatus, or CREATED (which ListRestoreJobSummaries counts). */
  Status: JobStatus;
  StatusMessage?: string;
  PercentDone?: string;
  BackupSizeInBytes?: Long;
  IamRoleArn?: string;
  ExpectedCompletionTimeMinutes?: Long;
  CreatedResourceArn?: string;
  ResourceType?: string;
  RecoveryPointCreationDate?: Date;
  CreatedBy?: { RestoreTestingPlanArn?: string };
  ValidationStatus?: RestoreValidationStatus;
  ValidationStatusMessage?: string;
  DeletionStatus?: "DELETING" | "FAILED" | "SUCCESSFUL";
  DeletionStatusMessage?: string;
  IsParent?: boolean;
  ParentJobId?: string;
}

/** What the store keeps of a job beyond its description. */
export interface StoredJob {
  job: RestoreJob;
  /** StartRestoreJob's Metadata, which GetRestoreJobMetadata answers. */
  metadata: Record<string, string>;
  idempotencyToken?: string;
  copySourceTags?: boolean;
  /** The statuses successive DescribeRestoreJob calls will see, first first. */
  script: JobStatus[];
}

/** A recovery point a test registers for GetRecoveryPointRestoreMetadata and StartRestoreJob. */
export interface RecoveryPoint {
  BackupVaultName: string;
  RecoveryPointArn: string;
  /** The vault's account; BackupVaultAccountId must name it when given. */
  AccountId?: string;
  BackupVaultArn?: string;
  SourceResourceArn?: string;
  ResourceType?: string;
  CreationDate?: Date;
  RestoreMetadata?: Record<string, string>;
}

export interface ValidationResult {
  RestoreJobId: string;
  ValidationStatus: RestoreValidationStatus;
  ValidationStatusMessage?: string;
}

export interface StartInput {
  RecoveryPointArn: string;
  Metadata: Record<string, string>;
  IamRoleArn?: string | undefined;
  IdempotencyToken?: string | undefined;
  ResourceType?: string | undefined;
  CopySourceTagsToRestoredResource?: boolean | undefined;
}

const finished: readonly JobStatus[] = ["COMPLETED", "FAILED", "ABORTED"];

/** Copies the members that are defined (the model's absent members stay absent). */
function defined<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

export class RestoreJobStore {
  private readonly jobs = new Map<string, StoredJob>();
  private readonly byToken = new Map<string, string>();
  private readonly recoveryPoints: RecoveryPoint[] = [];
  readonly validations: ValidationResult[] = [];

  constructor(
    private readonly options: {
      accountId: string;
      now: () => Date;
      /** What successive DescribeRestoreJob calls see of a job started through the wire. */
      statusScript: readonly JobStatus[];
    },
  ) {}

  /** StartRestoreJob: a new PENDING job, or the job its IdempotencyToken already started. */
  start(input: StartInput): RestoreJob {
    const known = input.IdempotencyToken === undefined ? undefined : this.byToken.get(input.IdempotencyToken);
    if (known !== undefined) return this.jobs.get(known)!.job;
    const point = this.recoveryPoints.find((p) => p.RecoveryPointArn === input.RecoveryPointArn);
    const job = this.add(
      {
        RecoveryPointArn: input.RecoveryPointArn,
        ...defined({
          IamRoleArn: input.IamRoleArn,
          ResourceType: input.ResourceType ?? point?.ResourceType,
          SourceResourceArn: point?.SourceResourceArn,
          BackupVaultArn: point?.BackupVaultArn,
          RecoveryPointCreationDate: point?.CreationDate,
        }),
      },
      { metadata: input.Metadata, script: this.options.statusScript },
    );
    const stored = this.jobs.get(job.RestoreJobId)!;
    if (input.IdempotencyToken !== undefined) {
      stored.idempotencyToken = input.IdempotencyToken;
      this.byToken.set(input.IdempotencyToken, job.RestoreJobId);
    }
    if (input.CopySourceTagsToRestoredResource !== undefined) {
      stored.copySourceTags = input.CopySourceTagsToRestoredResource;
    }
    return job;
  }

  /** Adds a job as a test wants it (any member, any date); the rest is filled as a new job's. */
  add(
    job: Partial<RestoreJob> & { RecoveryPointArn: string },
    extra: { metadata?: Record<string, string>; script?: readonly JobStatus[] } = {},
  ): RestoreJob {
    const full: RestoreJob = {
      AccountId: this.options.accountId,
      RestoreJobId: randomUUID().toUpperCase(),
      CreationDate: this.options.now(),
      Status: "PENDING",
      PercentDone: "0.00%",
      ...job,
    };
    if (this.jobs.has(full.RestoreJobId)) throw new Error(`fake-backup: job ${full.RestoreJobId} exists`);
    this.jobs.set(full.RestoreJobId, {
      job: full,
      metadata: extra.metadata ?? {},
      script: [...(extra.script ?? [])],
    });
    return full;
  }

  get(id: string): StoredJob | undefined {
    return this.jobs.get(id);
  }

  /** Every job, the newest first (ListRestoreJobs' order), ties by id so pages are stable. */
  all(): RestoreJob[] {
    return [...this.jobs.values()]
      .map((stored) => stored.job)
      .sort(
        (a, b) =>
          b.CreationDate.getTime() - a.CreationDate.getTime() || a.RestoreJobId.localeCompare(b.RestoreJobId),
      );
  }

  /**
   * Moves a job to a status now, with any other members a test sets. A finished job gets a
   * CompletionDate (and a COMPLETED one 100%) unless the patch says otherwise.
   */
  advance(id: string, Status: JobStatus, patch: Partial<Omit<RestoreJob, "RestoreJobId">> = {}): RestoreJob {
    const stored = this.jobs.get(id);
    if (!stored) throw new Error(`fake-backup: no job ${id}`);
    const job = stored.job;
    job.Status = Status;
    if (finished.includes(Status)) job.CompletionDate ??= this.options.now();
    if (Status === "COMPLETED") job.PercentDone = "100.00%";
    Object.assign(job, patch);
    return job;
  }

  /** The statuses successive DescribeRestoreJob calls of this job will see; the last one stays. */
  script(id: string, statuses: readonly JobStatus[]): void {
    const stored = this.jobs.get(id);
    if (!stored) throw new Error(`fake-backup: no job ${id}`);
    stored.script = [...statuses];
  }

  /** DescribeRestoreJob looks at the job: the next scripted status, if any, happens now. */
  observe(id: string): RestoreJob | undefined {
    const stored = this.jobs.get(id);
    const next = stored?.script.shift();
    if (stored && next !== undefined) this.advance(id, next);
    return stored?.job;
  }

  addRecoveryPoint(point: RecoveryPoint): void {
    this.recoveryPoints.push(point);
  }

  recoveryPoint(vault: string, arn: string): RecoveryPoint | undefined {
    return this.recoveryPoints.find((p) => p.BackupVaultName === vault && p.RecoveryPointArn === arn);
  }

  recordValidation(result: ValidationResult): void {
    const stored = this.jobs.get(result.RestoreJobId);
    if (!stored) throw new Error(`fake-backup: no job ${result.RestoreJobId}`);
    this.validations.push(result);
    stored.job.ValidationStatus = result.ValidationStatus;
    if (result.ValidationStatusMessage === undefined) delete stored.job.ValidationStatusMessage;
    else stored.job.ValidationStatusMessage = result.ValidationStatusMessage;
  }
}
