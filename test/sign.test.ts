import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { amzDate } from "../src/sign.js";

describe("amzDate", () => {
  it("formats SigV4's timestamp, also when the second changes between calls", () => {
    expect(amzDate(new Date("2015-08-30T12:36:00.999Z"))).toBe("20150830T123600Z");
    fc.assert(
      fc.property(
        fc.array(fc.date({ noInvalidDate: true, min: new Date(0), max: new Date("9999-12-31T23:59:59Z") }), {
          minLength: 1,
          maxLength: 5,
        }),
        (dates) => {
          for (const date of dates)
            expect(amzDate(date)).toBe(date.toISOString().replace(/[:-]|\.\d{3}/g, ""));
        },
      ),
    );
  });
});
