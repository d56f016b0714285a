/** Patterns compared as the sets of strings they match (refa), not as text. */
import { describe, expect, test } from "vitest";
import { acceptsEverything, relatePatterns } from "../../src/diff/schema/pattern-meaning.js";

describe("relatePatterns", () => {
  test.each([
    ["^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", "^arn:aws:iam::[0-9]{12}:role/.+$", "narrowed"],
    ["^arn:aws:iam::[0-9]{12}:role/.+$", "^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", "widened"],
    ["^[a-z]+$", "^[a-z0-9]{4,}$", "changed"],
    ["^[0-9]{12}$", "^\\d{12}$", "equal"],
    // Unanchored patterns match anywhere: `abc` is found in every string that `^abc$` accepts.
    ["^abc$", "abc", "widened"],
    ["^(?!tmp)[a-z]+$", "^(?!temp)[a-z]+$", "unknown"],
    ["^[a-z]{1,5000}$", "^[a-z]{1,4000}$", "unknown"],
  ])("%s → %s is %s", (was, now, how) => {
    expect(relatePatterns(was, now)).toBe(how);
  });
});

describe("acceptsEverything", () => {
  test.each([
    [".*", true],
    ["^[\\s\\S]*$", true],
    ["", true],
    ["^.*$", false], // strictly `.` refuses line breaks; normalisePattern still reads it as no pattern
    ["^a", false],
  ])("%s: %s", (pattern, expected) => {
    expect(acceptsEverything(pattern)).toBe(expected);
  });
});
