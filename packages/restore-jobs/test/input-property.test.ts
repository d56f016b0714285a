import { test } from "@fast-check/vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { loadSpec, requestSchemaOf } from "../../../test-support/openapi.js";
import { type SigV4Server, startSigV4Server } from "../../../test-support/sigv4-server.js";
import {
  createRestoreJobsClient,
  RestoreJobsValidationError,
  type StartRestoreJobInput,
} from "../src/index.js";
import {
  anyInputArbitrary,
  credentialsArbitrary,
  validInputArbitrary,
} from "./arbitraries/start-restore-job-input.js";

// An oracle compiled here from the YAML, not the client's generated validator.
const specAllows = new Ajv2020({ allErrors: true, strict: false }).compile(requestSchemaOf(await loadSpec()));

const credentials = { accessKeyId: "AKIDPROPERTYTEST", secretAccessKey: "property-test-secret-key" };
let server: SigV4Server;
beforeAll(async () => {
  server = await startSigV4Server({ credentials, format: "aws" });
});
afterAll(() => server.close());

describe("any input", () => {
  test.prop([anyInputArbitrary], { numRuns: 300 })(
    "either sends one request valid against the spec or throws RestoreJobsValidationError and sends nothing",
    async (input) => {
      const client = createRestoreJobsClient({
        region: "us-east-1",
        endpoint: server.url,
        credentials,
        maxAttempts: 1,
      });
      const before = server.requests.length;
      const outcome = await client.startRestoreJob(input as StartRestoreJobInput).then(
        (output) => ({ output }),
        (error: unknown) => ({ error }),
      );
      const sent = server.requests.slice(before);
      if ("error" in outcome) {
        expect(outcome.error).toBeInstanceOf(RestoreJobsValidationError);
        expect((outcome.error as RestoreJobsValidationError).issues.length).toBeGreaterThan(0);
        expect(sent).toEqual([]);
      } else {
        expect(sent).toHaveLength(1);
        const body = JSON.parse(sent[0]?.body ?? "");
        expect(specAllows(body), JSON.stringify(specAllows.errors)).toBe(true);
        expect(body.IdempotencyToken).toEqual(expect.any(String));
        expect(sent[0]?.signature).toBe("valid");
      }
    },
  );
});

describe("random valid inputs and credentials", () => {
  test.prop([validInputArbitrary, credentialsArbitrary], { numRuns: 100 })(
    "are signed so that an independent SigV4 implementation verifies them",
    async (input, randomCredentials) => {
      const own = await startSigV4Server({ credentials: randomCredentials, region: "eu-west-3" });
      try {
        const client = createRestoreJobsClient({
          region: "eu-west-3",
          endpoint: own.url,
          credentials: randomCredentials,
        });
        const output = await client.startRestoreJob(input);
        expect(own.requests.map((r) => r.signature)).toEqual(["valid"]);
        const body = JSON.parse(own.requests[0]?.body ?? "");
        expect(output.id).toBe(own.jobs.get(body.IdempotencyToken));
        const { IdempotencyToken: _sent, ...rest } = body;
        const { IdempotencyToken: _given, ...expected } = input;
        expect(rest).toEqual(JSON.parse(JSON.stringify(expected)));
      } finally {
        await own.close();
      }
    },
  );
});
