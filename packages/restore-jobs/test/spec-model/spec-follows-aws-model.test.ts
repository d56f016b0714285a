/**
 * The spec holds what AWS's model of AWS Backup (vendor/aws-model/backup-2018-11-15/) says of the
 * restore-job operations: every member, binding, enum value and constraint. Each drift the spec
 * could take is shown to fail the comparison on a mutated copy.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as bindings from "../../generated/operations.js";
import {
  codeValues,
  documentedBeyondPattern,
  expectedOperation,
  loadModel,
  modelledOperations,
} from "./expected-from-model.js";
import { schemaOf, specDrift } from "./spec-drift.js";

const specText = readFileSync(new URL("../../openapi/restore-jobs.yaml", import.meta.url), "utf8");
const model = loadModel();
// biome-ignore lint/suspicious/noExplicitAny: a mutated copy is edited by path, as a user would edit the YAML
const freshSpec = (): any => parse(specText);

describe("the spec and AWS's model", () => {
  it("agree on every operation, member, binding, enum, constraint and modelled error", () => {
    expect(specDrift(freshSpec(), model)).toEqual([]);
  });

  it("name the eight restore-job operations by the model's names", () => {
    const ids = Object.values(freshSpec().paths as Record<string, Record<string, { operationId: string }>>)
      .flatMap((item) => Object.values(item).map((op) => op.operationId))
      .sort();
    expect(ids).toEqual([...modelledOperations, "StartRestoreJob"].sort());
  });

  const input = (name: string) => schemaOf(freshSpec(), { $ref: `#/components/schemas/${name}Input` });
  it("accept beside a pattern only values the model documents and the pattern forbids", () => {
    const documentation = (shape: string, member?: string) =>
      Object.entries(model.shapes)
        .flatMap(([owner, s]) =>
          Object.entries(s.members ?? {}).filter(([name, m]) =>
            member ? `${owner}.${name}` === member : m.shape === shape,
          ),
        )
        .map(([, m]) => m.documentation ?? "")
        .join("\n");
    for (const [where, values] of Object.entries(documentedBeyondPattern)) {
      const [operation, member] = where.includes(".") ? where.split(".") : [];
      const shape = member ? model.shapes[`${operation}Input`]!.members![member]!.shape : where;
      const pattern = new RegExp(model.shapes[shape]!.pattern!.replace(/\\_/g, "_"), "u");
      const docs = documentation(shape, member ? `${operation}Input.${member}` : undefined);
      for (const value of values) {
        expect(docs, `${where}: "${value}" is in the model's documentation`).toContain(value);
        expect(pattern.test(value), `${where}: "${value}" breaks the model's pattern`).toBe(false);
      }
      // Every documented value the pattern forbids is accepted: a new one fails here.
      const forbidden = codeValues(docs).filter((value) => !pattern.test(value) && !/\s{2}|[<>]/.test(value));
      expect(values, `${where}: documented values its pattern forbids`).toEqual(
        expect.arrayContaining([...new Set(forbidden)]),
      );
    }
    expect(input("ListRestoreJobs")).toMatchObject({
      properties: {
        ByResourceType: { anyOf: [{}, { enum: ["Storage Gateway", "SAP HANA on Amazon EC2"] }] },
      },
    });
    expect(input("ListRestoreJobSummaries")).toMatchObject({
      properties: { AccountId: { anyOf: [{}, { enum: ["ANY", "AGGREGATE_ALL"] }] } },
    });
  });

  it("give the client each operation's bindings as the model binds them (generated/operations.ts)", () => {
    for (const name of [...modelledOperations, "StartRestoreJob"]) {
      const want = expectedOperation(model, name);
      const by = (place: string) =>
        Object.fromEntries(want.parameters.filter((p) => p.in === place).map((p) => [p.member, p.name]));
      expect(
        Object.values(bindings).find((b) => b.operationId === name),
        name,
      ).toEqual({
        operationId: name,
        method: want.method.toUpperCase(),
        path: want.path,
        successStatus: Number(want.success.status),
        labels: by("path"),
        query: by("query"),
        headers: by("header"),
        body: Object.keys((want.body?.properties as object | undefined) ?? {}),
      });
    }
  });

  it("write every input pattern so that ECMA-262's unicode mode (ajv, Prism) compiles it", () => {
    const patterns = [...specText.matchAll(/^\s*pattern: "(.*)"$/gm)].map((m) => JSON.parse(`"${m[1]}"`));
    expect(patterns.length).toBeGreaterThan(3);
    for (const pattern of patterns) expect(() => new RegExp(pattern, "u"), pattern).not.toThrow();
  });
});

/** Each drift a hand edit (or a change of the model) could bring, applied to a copy of the spec. */
const mutations: [string, string, (spec: ReturnType<typeof freshSpec>) => void][] = [
  [
    "a member left out",
    "ListRestoreJobsInput: /properties/ByParentJobId",
    (s) => delete s.components.schemas.ListRestoreJobsInput.properties.ByParentJobId,
  ],
  [
    "a member added that the model does not have",
    "DescribeRestoreJob: success: schema: /properties/Colour",
    (s) => {
      s.components.schemas.DescribeRestoreJobOutput.properties.Colour = { type: "string" };
    },
  ],
  [
    "a member's type",
    "/properties/BackupSizeInBytes/type",
    (s) => {
      s.components.schemas.Long.type = "string";
    },
  ],
  [
    "a binding moved from the query to a header",
    "parameter query status: missing",
    (s) => {
      s.paths["/restore-jobs"].get.parameters.find((p: { name: string }) => p.name === "status").in =
        "header";
    },
  ],
  [
    "a query parameter renamed",
    "parameter query createdBefore: missing",
    (s) => {
      s.paths["/restore-jobs"].get.parameters.find((p: { name: string }) => p.name === "createdBefore").name =
        "createdbefore";
    },
  ],
  [
    "a path label bound to another member",
    "parameter path restoreJobId: $ref",
    (s) => {
      s.paths["/restore-jobs/{restoreJobId}/metadata"].get.parameters[0].schema.$ref =
        "#/components/schemas/DescribeRestoreJobInput/properties/RestoreJobId";
    },
  ],
  [
    "a required member made optional",
    "required",
    (s) => {
      s.components.schemas.PutRestoreValidationResultInput.required = ["RestoreJobId"];
    },
  ],
  [
    "an enum value dropped",
    "/enum/2",
    (s) => {
      s.components.schemas.RestoreValidationStatus.enum = ["FAILED", "SUCCESSFUL", "VALIDATING"];
    },
  ],
  [
    "a range narrowed",
    "/properties/MaxResults/maximum",
    (s) => {
      s.components.schemas.MaxResults.maximum = 500;
    },
  ],
  [
    "a pattern changed",
    "/pattern",
    (s) => {
      s.components.schemas.AccountId.pattern = "^[0-9]{10,12}$";
    },
  ],
  [
    "a documented exception widened",
    "/anyOf/1/enum",
    (s) => {
      s.components.schemas.ResourceTypeFilter.anyOf[1].enum.push("Floppy");
    },
  ],
  [
    "a timestamp answered as a string",
    "/properties/CreationDate/type",
    (s) => {
      s.components.schemas.EpochSeconds.type = "string";
    },
  ],
  [
    "a modelled error left out",
    "DescribeRestoreJob: responses 500: errors",
    (s) => {
      s.paths["/restore-jobs/{restoreJobId}"].get.responses["500"].content[
        "application/json"
      ].schema.anyOf.shift();
    },
  ],
  [
    "an error's members",
    "components ResourceNotFoundException",
    (s) => {
      delete s.components.schemas.ResourceNotFoundException.properties.Context;
    },
  ],
  [
    "the success status",
    "no 204",
    (s) => {
      const op = s.paths["/restore-jobs/{restoreJobId}/validations"].put;
      op.responses["200"] = op.responses["204"];
      delete op.responses["204"];
    },
  ],
  [
    "the model's path with its trailing slash",
    "ListRestoreJobsByProtectedResource: no operation GET /resources/{resourceArn}/restore-jobs",
    (s) => {
      s.paths["/resources/{resourceArn}/restore-jobs/"] = s.paths["/resources/{resourceArn}/restore-jobs"];
      delete s.paths["/resources/{resourceArn}/restore-jobs"];
    },
  ],
  [
    "the AWS-wide 403 left out",
    "responses: no 403",
    (s) => {
      delete s.paths["/audit/restore-job-summaries"].get.responses["403"];
    },
  ],
  [
    "StartRestoreJob's documented ResourceType dropped",
    "ResourceType enum",
    (s) => {
      s.components.schemas.ResourceType.enum = s.components.schemas.ResourceType.enum.filter(
        (v: string) => v !== "Redshift",
      );
    },
  ],
  [
    "a request body member closed to more members",
    "PutRestoreValidationResult: requestBody",
    (s) => {
      delete s.paths["/restore-jobs/{restoreJobId}/validations"].put.requestBody.content["application/json"]
        .schema.properties.ValidationStatusMessage;
    },
  ],
];

describe("the comparison catches a spec that drifts from the model", () => {
  it.each(mutations)("%s", (_, expected, mutate) => {
    const spec = freshSpec();
    mutate(spec);
    const drift = specDrift(spec, model);
    expect(drift.join("\n")).toContain(expected);
  });
});
