import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findInputProblems, StartRestoreJob } from "../src/operations/start-restore-job.js";
import { findSizeProblem, prepareRequest } from "../src/runtime/prepare.js";
import { validInputArbitrary } from "./arbitraries/start-restore-job-input.js";

const arn = "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45";
const valid = { RecoveryPointArn: arn, Metadata: {} };

describe("findInputProblems", () => {
  it("accepts the minimal input and every documented member", () => {
    expect(findInputProblems(valid)).toEqual([]);
    expect(
      findInputProblems({
        ...valid,
        Metadata: { "file-system-id": "fs-1", newFileSystem: "true", "ключ ✓": "значение" },
        IamRoleArn: "arn:aws:iam::123456789012:role/S3Access",
        IdempotencyToken: "t-1",
        ResourceType: "Storage Gateway",
        CopySourceTagsToRestoredResource: true,
      }),
    ).toEqual([]);
  });

  it("accepts recovery point ARNs of other services (an EBS snapshot has no account)", () => {
    expect(
      findInputProblems({ ...valid, RecoveryPointArn: "arn:aws:ec2:us-east-1::snapshot/snap-0123" }),
    ).toEqual([]);
  });

  it("lists every problem with a JSON pointer, in one error", () => {
    const problems = findInputProblems({
      RecoveryPointArn: "not-an-arn",
      Metadata: { a: 1 },
      Extra: true,
      ResourceType: "Tape",
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { pointer: "/RecoveryPointArn", message: expect.stringContaining("must match") },
        { pointer: "/Metadata/a", message: "must be a string" },
        { pointer: "/Extra", message: expect.stringContaining("unknown member") },
        { pointer: "/ResourceType", message: expect.stringContaining('"Storage Gateway"') },
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('holds Metadata\'s booleans to "true" and "false", as the documentation writes them', () => {
    for (const value of ["true", "false"]) {
      expect(findInputProblems({ ...valid, Metadata: { Encrypted: value, newFileSystem: value } })).toEqual(
        [],
      );
    }
    expect(findInputProblems({ ...valid, Metadata: { Encrypted: "TRUE", newFileSystem: "yes" } })).toEqual([
      { pointer: "/Metadata/Encrypted", message: expect.stringContaining('"true"') },
      { pointer: "/Metadata/newFileSystem", message: expect.stringContaining('"true"') },
    ]);
  });

  it("names missing required members", () => {
    expect(findInputProblems({})).toEqual([
      { pointer: "/RecoveryPointArn", message: "is required" },
      { pointer: "/Metadata", message: "is required" },
    ]);
  });

  it.each([null, "x", 42, [], true])("rejects a non-object input %j", (input) => {
    expect(findInputProblems(input)).toEqual([{ pointer: "", message: "must be an object" }]);
  });

  it("rejects a malformed IAM role ARN", () => {
    expect(findInputProblems({ ...valid, IamRoleArn: "arn:aws:iam::1234:role/x" })).toEqual([
      { pointer: "/IamRoleArn", message: expect.stringContaining("must match") },
    ]);
  });

  describe("EFS", () => {
    const efs = { ...valid, ResourceType: "EFS" };
    it('requires Encrypted "true" when KmsKeyId is given', () => {
      expect(findInputProblems({ ...efs, Metadata: { KmsKeyId: "k" } })).toEqual([
        { pointer: "/Metadata/Encrypted", message: expect.stringContaining('must be "true"') },
      ]);
      expect(findInputProblems({ ...efs, Metadata: { KmsKeyId: "k", Encrypted: "false" } })).toHaveLength(1);
      expect(findInputProblems({ ...efs, Metadata: { KmsKeyId: "k", Encrypted: "true" } })).toEqual([]);
    });

    it("does not apply the EFS rule to other resource types", () => {
      expect(findInputProblems({ ...valid, ResourceType: "RDS", Metadata: { KmsKeyId: "k" } })).toEqual([]);
    });

    it("checks ItemsToRestore: a JSON array of one to five paths", () => {
      const items = (value: string) => findInputProblems({ ...efs, Metadata: { ItemsToRestore: value } });
      expect(items('["/my.test"]')).toEqual([]);
      expect(items(JSON.stringify(["/a", "/b", "/c", "/d", "/e"]))).toEqual([]);
      expect(items("[]")).toEqual([
        { pointer: "/Metadata/ItemsToRestore", message: expect.stringContaining("one to five") },
      ]);
      expect(items(JSON.stringify(["/1", "/2", "/3", "/4", "/5", "/6"]))).toHaveLength(1);
      expect(items("/my.test")).toEqual([
        { pointer: "/Metadata/ItemsToRestore", message: expect.stringContaining("JSON array") },
      ]);
      expect(items('["/ok", 3, "relative"]')).toEqual([
        { pointer: "/Metadata/ItemsToRestore [1]", message: expect.stringContaining("file path") },
        { pointer: "/Metadata/ItemsToRestore [2]", message: expect.stringContaining("file path") },
      ]);
    });

    it("checks the documentation's own spelling itemsToRestore too", () => {
      expect(findInputProblems({ ...efs, Metadata: { itemsToRestore: "nope" } })).toHaveLength(1);
    });

    it("reports schema and EFS-only problems together", () => {
      expect(findInputProblems({ ...efs, Metadata: { KmsKeyId: "k", ItemsToRestore: "[]" } })).toHaveLength(
        2,
      );
    });
  });
});

// Keys with the characters a JSON pointer must escape, and values long enough to dominate.
const metadataWithBigEntries = fc.dictionary(
  fc.string({ unit: fc.constantFrom("a", "/", "~", "0", "1"), minLength: 1, maxLength: 4 }),
  fc.string({ maxLength: 300 }),
  { maxKeys: 3 },
);

describe("findSizeProblem", () => {
  it("points at a member the body has, for any valid input over the limit", () => {
    fc.assert(
      fc.property(validInputArbitrary, metadataWithBigEntries, (input, extra) => {
        const { json = "" } = prepareRequest(
          StartRestoreJob as never,
          { ...input, Metadata: { ...input.Metadata, ...extra } },
          Number.MAX_SAFE_INTEGER,
        );
        const body = JSON.parse(json);
        const problem = findSizeProblem(body, json, 10);
        expect(problem?.message).toContain("above the limit of 10");
        const [, member, key] = (problem?.pointer ?? "")
          .split("/")
          .map((p: string) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
        expect(Object.keys(body)).toContain(member);
        if (key !== undefined) expect(Object.keys(body.Metadata)).toContain(key);
        expect(findSizeProblem(body, json, json.length * 4)).toBeUndefined();
      }),
    );
  });
});
