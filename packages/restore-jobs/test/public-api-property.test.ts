import { test } from "@fast-check/vitest";
import fc from "fast-check";
import { describe, expect } from "vitest";
import {
  createRestoreJobsClient,
  credentialsFromEnv,
  findInputProblems,
  RestoreJobsConfigError,
  RestoreJobsError,
  signRequest,
} from "../src/index.js";

/** Runs `fn`; passes when it returns or throws a RestoreJobsError, fails on any other throw. */
async function typedOrFine(fn: () => unknown): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (!(error instanceof RestoreJobsError))
      throw new Error(`untyped error: ${String(error)}`, { cause: error });
  }
}

const input = { RecoveryPointArn: "arn:aws:backup:us-east-1:123456789012:recovery-point:1", Metadata: {} };
// Port 9 (discard) is closed on loopback: a call that gets as far as sending fails with a typed network error.
const closed = {
  region: "us-east-1",
  endpoint: "http://127.0.0.1:9",
  credentials: { accessKeyId: "A", secretAccessKey: "B" },
  maxAttempts: 1,
};

describe("every public function answers any argument with a result or a RestoreJobsError", () => {
  test.prop([fc.anything()], { numRuns: 300 })("createRestoreJobsClient(options)", (options) =>
    typedOrFine(() => createRestoreJobsClient(options as never)),
  );

  test.prop(
    [
      fc.record(
        { ...Object.fromEntries(Object.keys(closed).map((k) => [k, fc.anything()])) },
        { requiredKeys: [] },
      ),
    ],
    // Found by this property: a region whose toString is not a function, with no endpoint.
    { numRuns: 300, examples: [[{ region: { toString: false }, endpoint: null }]] },
  )("createRestoreJobsClient with each option of any type", (partial) =>
    typedOrFine(() => createRestoreJobsClient({ ...closed, ...(partial as object) })),
  );

  test.prop([fc.anything(), fc.anything()], { numRuns: 200 })(
    "startRestoreJob(input, callOptions)",
    (anyInput, callOptions) =>
      typedOrFine(() =>
        createRestoreJobsClient(closed).startRestoreJob(anyInput as never, callOptions as never),
      ),
  );

  test.prop(
    [
      fc
        .anything()
        .filter(
          (v) =>
            v !== undefined &&
            (typeof v !== "object" || v === null || (v as { signal?: unknown }).signal !== undefined),
        ),
    ],
    {
      numRuns: 100,
    },
  )(
    "startRestoreJob(valid input, call options of the wrong shape) refuses them before sending",
    async (callOptions) => {
      const error = await createRestoreJobsClient(closed)
        .startRestoreJob(input, callOptions as never)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RestoreJobsConfigError);
      expect((error as RestoreJobsConfigError).attempts).toBe(0);
    },
  );

  test.prop([fc.anything(), fc.anything()], { numRuns: 300 })(
    "signRequest(request, context)",
    (request, context) => typedOrFine(() => signRequest(request as never, context as never)),
  );

  test.prop([fc.anything()], { numRuns: 300 })("credentialsFromEnv(env)", (env) =>
    typedOrFine(() => credentialsFromEnv(env as never)),
  );

  test.prop([fc.anything()], { numRuns: 300 })(
    "findInputProblems(input) returns problems, never throws",
    (anything) => {
      expect(Array.isArray(findInputProblems(anything))).toBe(true);
    },
  );
});
