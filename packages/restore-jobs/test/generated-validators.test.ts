/**
 * generated/validators/: each operation's standalone input validator says what the spec's
 * `<Op>Input` says (against ajv compiling the spec itself, on drawn inputs), keeps the documented
 * exceptions to the model's patterns, and a bundle of a program holds only the validators it imports.
 */
import { readFileSync } from "node:fs";
import { test as propertyTest } from "@fast-check/vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { build } from "esbuild";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateDescribeRestoreJobInput } from "../generated/validators/describe-restore-job.js";
import { validateGetRecoveryPointRestoreMetadataInput } from "../generated/validators/get-recovery-point-restore-metadata.js";
import { validateGetRestoreJobMetadataInput } from "../generated/validators/get-restore-job-metadata.js";
import { validateListRestoreJobSummariesInput } from "../generated/validators/list-restore-job-summaries.js";
import { validateListRestoreJobsInput } from "../generated/validators/list-restore-jobs.js";
import { validateListRestoreJobsByProtectedResourceInput } from "../generated/validators/list-restore-jobs-by-protected-resource.js";
import { validatePutRestoreValidationResultInput } from "../generated/validators/put-restore-validation-result.js";
import { validateStartRestoreJobInput } from "../generated/validators/start-restore-job.js";
import type { RequestSchemaValidator } from "../generated/validators/types.js";

const validators: Record<string, RequestSchemaValidator> = {
  GetRecoveryPointRestoreMetadata: validateGetRecoveryPointRestoreMetadataInput,
  DescribeRestoreJob: validateDescribeRestoreJobInput,
  GetRestoreJobMetadata: validateGetRestoreJobMetadataInput,
  ListRestoreJobs: validateListRestoreJobsInput,
  ListRestoreJobsByProtectedResource: validateListRestoreJobsByProtectedResourceInput,
  ListRestoreJobSummaries: validateListRestoreJobSummariesInput,
  PutRestoreValidationResult: validatePutRestoreValidationResultInput,
  StartRestoreJob: validateStartRestoreJobInput,
};

const specPath = new URL("../openapi/restore-jobs.yaml", import.meta.url);
const spec = parse(readFileSync(specPath, "utf8")) as {
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
};

/** ajv (with ajv-formats) compiling `<Op>Input` from the spec as it stands: the reference verdict. */
function referenceValidator(operation: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: "spec", components: spec.components });
  return ajv.compile({ $ref: `spec#/components/schemas/${operation}Input` });
}

const arn = "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45";
const valid: Record<string, Record<string, unknown>> = {
  GetRecoveryPointRestoreMetadata: { BackupVaultName: "Default", RecoveryPointArn: arn },
  DescribeRestoreJob: { RestoreJobId: "job-1" },
  GetRestoreJobMetadata: { RestoreJobId: "job-1" },
  ListRestoreJobs: {},
  ListRestoreJobsByProtectedResource: { ResourceArn: "arn:aws:ec2:us-east-1:123456789012:volume/vol-1" },
  ListRestoreJobSummaries: {},
  PutRestoreValidationResult: { RestoreJobId: "job-1", ValidationStatus: "SUCCESSFUL" },
  StartRestoreJob: { RecoveryPointArn: arn, Metadata: {} },
};

const operationCase = (name: string) => {
  const check = validators[name]!;
  return (input: unknown) =>
    check(input) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
};

describe("the generated input validators", () => {
  it("accept each operation's smallest valid input", () => {
    for (const name of Object.keys(validators)) expect(operationCase(name)(valid[name]), name).toEqual([]);
  });

  it.each([
    ["DescribeRestoreJob", {}, " required"],
    ["DescribeRestoreJob", { RestoreJobId: "" }, "/RestoreJobId minLength"],
    ["DescribeRestoreJob", { RestoreJobId: "j", restoreJobId: "j" }, " additionalProperties"],
    [
      "GetRecoveryPointRestoreMetadata",
      { ...valid.GetRecoveryPointRestoreMetadata, BackupVaultName: "a b" },
      "/BackupVaultName pattern",
    ],
    [
      "GetRecoveryPointRestoreMetadata",
      { ...valid.GetRecoveryPointRestoreMetadata, BackupVaultAccountId: "ANY" },
      "/BackupVaultAccountId pattern",
    ],
    ["ListRestoreJobs", { MaxResults: 1001 }, "/MaxResults maximum"],
    ["ListRestoreJobs", { MaxResults: 0 }, "/MaxResults minimum"],
    ["ListRestoreJobs", { MaxResults: 2.5 }, "/MaxResults type"],
    ["ListRestoreJobs", { ByStatus: "DONE" }, "/ByStatus enum"],
    ["ListRestoreJobs", { ByCreatedBefore: "yesterday" }, "/ByCreatedBefore format"],
    ["ListRestoreJobs", { ByCreatedBefore: "2026-13-02T03:04:05Z" }, "/ByCreatedBefore format"],
    ["ListRestoreJobs", { ByResourceType: "Floppy Disk" }, "/ByResourceType anyOf"],
    ["ListRestoreJobSummaries", { AccountId: "ALL" }, "/AccountId anyOf"],
    ["ListRestoreJobSummaries", { AggregationPeriod: "ONE_WEEK" }, "/AggregationPeriod enum"],
    ["PutRestoreValidationResult", { RestoreJobId: "j" }, " required"],
    ["PutRestoreValidationResult", { RestoreJobId: "j", ValidationStatus: "OK" }, "/ValidationStatus enum"],
  ])("refuse %s input %j (%s)", (name, input, problem) => {
    expect(operationCase(name)(input)).toContain(problem);
  });

  it.each([
    ["ListRestoreJobs", { ByResourceType: "Storage Gateway" }],
    ["ListRestoreJobs", { ByResourceType: "SAP HANA on Amazon EC2" }],
    [
      "ListRestoreJobs",
      { ByResourceType: "EBS", ByCreatedAfter: "2026-01-02T03:04:05.123Z", MaxResults: 1000 },
    ],
    ["ListRestoreJobSummaries", { AccountId: "ANY", State: "AGGREGATE_ALL", ResourceType: "AGGREGATE_ALL" }],
    ["ListRestoreJobSummaries", { AccountId: "AGGREGATE_ALL", ResourceType: "Storage Gateway" }],
    ["ListRestoreJobSummaries", { AccountId: "123456789012" }],
    ["StartRestoreJob", { ...valid.StartRestoreJob, ResourceType: "Redshift" }],
    ["DescribeRestoreJob", { RestoreJobId: "😀" }],
  ])("accept %s input %j (documented values, bounds, one code point)", (name, input) => {
    expect(operationCase(name)(input)).toEqual([]);
  });

  /** A value for any member: right and wrong types, enum and pattern hits and misses, date-times. */
  const anyValue = fc.oneof(
    fc.constantFrom(
      "",
      "x",
      "a b",
      "ANY",
      "AGGREGATE_ALL",
      "Storage Gateway",
      "SAP HANA on Amazon EC2",
      "EBS",
    ),
    fc.constantFrom(
      "PENDING",
      "COMPLETED",
      "SUCCESSFUL",
      "ONE_DAY",
      "CREATED",
      "123456789012",
      "12345678901",
    ),
    fc.constantFrom(
      "2026-01-02T03:04:05Z",
      "2026-01-02T03:04:05.5+02:00",
      "2026-01-02",
      "2026-01-02T25:00:00Z",
    ),
    fc
      .date({ noInvalidDate: true, min: new Date(0), max: new Date(4102444800000) })
      .map((d) => d.toISOString()),
    fc.integer({ min: -2, max: 1002 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.string(),
    fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
  );

  describe.each(Object.keys(validators))("%s", (name) => {
    const members = Object.keys(spec.components.schemas[`${name}Input`]?.properties ?? {});
    const input = fc.dictionary(fc.constantFrom(...members, "Extra", "nextToken"), anyValue, { maxKeys: 6 });
    const reference = referenceValidator(name);
    propertyTest.prop([fc.oneof(input, fc.constantFrom(valid[name], null, [], "x"))], { numRuns: 300 })(
      "gives the verdict ajv gives compiling the spec's input schema",
      (drawn) => {
        expect(validators[name]!(drawn)).toBe(reference(drawn));
      },
    );
  });
});

describe("a program's bundle", () => {
  /** The minified bundle of a program that imports `imports` from generated/. */
  async function bundle(imports: string): Promise<string> {
    const result = await build({
      stdin: {
        contents: imports,
        resolveDir: new URL("../generated/", import.meta.url).pathname,
        loader: "ts",
      },
      bundle: true,
      minify: true,
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    return result.outputFiles[0]!.text;
  }

  it.each([
    [
      "DescribeRestoreJob's validator",
      'import { validateDescribeRestoreJobInput as v } from "./validators/describe-restore-job.js";',
      "RestoreJobId",
      ["ByParentJobId", "ValidationStatus", "AGGREGATE_ALL", "BackupVaultName", "RecoveryPointArn"],
    ],
    [
      "StartRestoreJob's, where the client imports it",
      'import { validateStartRestoreJobInput as v } from "./validate-request.js";',
      "Redshift",
      ["RestoreJobsListMember", "ByParentJobId", "AGGREGATE_ALL", "BackupVaultName", "EpochSeconds"],
    ],
  ])("that imports only %s holds none of the others", async (_, imports, own, others) => {
    const text = await bundle(`${imports} console.log(v({}));`);
    expect(text).toContain(own);
    for (const other of others) expect(text, other).not.toContain(other);
  });
});
