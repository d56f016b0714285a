/**
 * `format: date-time` judged by RFC 3339 strictly: what ajv-formats takes beyond it is refused,
 * and every date-time the job accepts in an answer is one the shipped client reads, to the same
 * instant (over real HTTP: a loopback server answers it as `created_at`).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fc, test } from "@fast-check/vitest";
import { createRestoreJobsClient } from "restore-jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRfc3339DateTime } from "../../src/verify/schema-validator.js";

describe("isRfc3339DateTime", () => {
  it.each([
    "2025-01-01T00:00:00Z",
    "2025-01-01T00:00:00.123Z",
    "2024-02-29T23:59:59.999999+05:30",
    "2025-12-31T00:00:00-00:00",
  ])("accepts %s", (text) => expect(isRfc3339DateTime(text)).toBe(true));

  it.each([
    "2025-01-01 00:00:00Z",
    "2025-01-01T00:00:00+0000",
    "2025-01-01T00:00:00+00",
    "2025-01-01t00:00:00z",
    "2025-01-01T00:00:00",
    "2025-02-29T00:00:00Z",
    "2025-13-01T00:00:00Z",
    "2025-01-01T24:00:00Z",
    "2025-01-01T23:59:60Z",
    "2025-01-01T00:00:00+24:00",
  ])("refuses %s", (text) => expect(isRfc3339DateTime(text)).toBe(false));
});

describe("an answer the job accepts is one the client reads", () => {
  let server: Server;
  let createdAt = "";
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ success: true, data: { id: "job-1", created_at: createdAt } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const two = (n: number) => String(n).padStart(2, "0");
  const rfc3339 = fc
    .tuple(
      fc.date({
        min: new Date("1970-01-01T00:00:00Z"),
        max: new Date("9999-12-31T00:00:00Z"),
        noInvalidDate: true,
      }),
      fc.option(fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 })),
      fc.option(fc.stringMatching(/^\.\d{1,9}$/)),
    )
    .map(([date, offset, fraction]) => {
      const shifted = new Date(date.getTime() + (offset ?? 0) * 60_000);
      const local = shifted.toISOString().slice(0, 19);
      const zone =
        offset === null
          ? "Z"
          : `${offset < 0 ? "-" : "+"}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
      return { text: `${local}${fraction ?? ""}${zone}`, at: date.getTime() };
    });

  test.prop([rfc3339], { numRuns: 60 })("the client reads it as the same instant", async ({ text, at }) => {
    expect(isRfc3339DateTime(text)).toBe(true);
    createdAt = text;
    const { port } = server.address() as AddressInfo;
    const client = createRestoreJobsClient({
      region: "us-east-1",
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "dummy" },
    });
    const output = await client.startRestoreJob({
      RecoveryPointArn: "arn:aws:backup:us-east-1:123456789012:recovery-point:x",
      Metadata: {},
    });
    // Within the millisecond: a fraction finer than that is cut by Date.
    expect(Math.abs((output.createdAt?.getTime() ?? Number.NaN) - at)).toBeLessThan(1000);
  });
});
