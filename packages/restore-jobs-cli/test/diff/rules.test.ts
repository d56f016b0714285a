/** The registry of change ids (src/diff/rules/rules.ts) against docs/diff.md's tables, both ways, and the ids it derives. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { catalogue, levelsOf, ruleOf } from "../../src/diff/rules/rules.js";

const docs = readFileSync(fileURLToPath(new URL("../../../../docs/diff.md", import.meta.url)), "utf8");
const documented = new Map(
  [...docs.matchAll(/^\|\s*`([a-z0-9.-]+)`\s*\|\s*([a-z /]+?)\s*\|/gm)].map((m) => [
    m[1]!,
    m[2]!.split(" / ").sort(),
  ]),
);

describe("the registry of change ids", () => {
  test("every id of the registry is in docs/diff.md, with the same levels", () => {
    const missing = catalogue()
      .filter(([id, rule]) => documented.get(id)?.join(" / ") !== [...levelsOf(rule)].sort().join(" / "))
      .map(
        ([id, rule]) =>
          `${id} (${levelsOf(rule).join(" / ")}; docs: ${documented.get(id)?.join(" / ") ?? "none"})`,
      );
    expect(missing).toEqual([]);
  });

  test("every id docs/diff.md lists is in the registry, with the same levels", () => {
    const unknown = [...documented]
      .filter(([id, levels]) => {
        const rule = ruleOf(id);
        return rule === undefined || [...levelsOf(rule)].sort().join(" / ") !== levels.join(" / ");
      })
      .map(([id]) => id);
    expect(unknown).toEqual([]);
  });

  test("docs/diff.md's text of every id is its registry entry's", () => {
    const text = new Map(
      [...docs.matchAll(/^\|\s*`([a-z0-9.-]+)`\s*\|\s*[a-z /]+?\s*\|\s*(.*?)\s*\|$/gm)].map((m) => [
        m[1]!,
        m[2]!,
      ]),
    );
    const differing = catalogue()
      .filter(([id, rule]) => text.get(id) !== rule.text)
      .map(([id]) => id);
    expect(differing).toEqual([]);
  });

  test("a webhook's payload is a response, its reply a request, a callback a webhook", () => {
    expect(ruleOf("webhook.payload.property.became-optional")?.level).toBe("breaking");
    expect(ruleOf("webhook.reply.property.became-optional")?.level).toBe("info");
    expect(ruleOf("callback.payload.property.became-optional")?.level).toBe("breaking");
    expect(ruleOf("callback.removed")?.area).toBe("callback");
    expect(ruleOf("request.property.no-such-change")).toBeUndefined();
    expect(ruleOf("webhook.payload.no-such-change")).toBeUndefined();
  });
});
