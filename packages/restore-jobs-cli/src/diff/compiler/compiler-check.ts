/**
 * The compiler's verdict, beside the rules': generate the types of both documents with
 * openapi-typescript (what users of this package compile against), then ask the TypeScript compiler
 * whether a request body built for the old types is accepted by the new ones, and whether a response
 * body of the new types still satisfies code written for the old ones.
 *
 * The types cannot see everything the rules judge: patterns, lengths, bounds, formats, closed
 * objects (`additionalProperties: false`) and most JSON Schema 2020-12 keywords (`not`, if/then,
 * `contains`, `dependent*`, `unevaluated*`, `content*`) are invisible to them, so the compiler will
 * call those changes compatible; it calls a response enum value added incompatible where the rules
 * only warn (clients should tolerate unknown values), and it types readOnly/writeOnly members as
 * ordinary ones (see docs/diff.md). Such cases are reported as disagreements, not errors.
 */
import { createRequire } from "node:module";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { isObject, type JsonObject } from "../../json.js";
import { operationsOf } from "../documents/operations.js";
import { isUnder, pointer } from "../documents/pointer.js";
import { byMediaType } from "../rules/request-rules.js";
import type { Change } from "../types.js";
import { compile } from "./compiler-program.js";

export interface CompilerCheck {
  /** `request application/json`, `response 200 application/json`, `request parameters`. */
  scope: string;
  operation: string;
  location: string;
  /** The compiler's verdict. */
  compatible: boolean;
  /** The first line of the compiler's complaint, when incompatible. */
  detail?: string;
  /** The breaking changes the rules found in the same place. */
  rulesBreaking: string[];
  agrees: boolean;
}

export type CompilerVerdict =
  | { ran: true; ms: number; tool: string; checks: CompilerCheck[]; disagreements: number }
  | { ran: false; ms: number; reason: string };

const require = createRequire(import.meta.url);
const openapiTsVersion = (require("openapi-typescript/package.json") as { version: string }).version;
const tool = `openapi-typescript ${openapiTsVersion} + TypeScript ${ts.version}`;

async function typesOf(bundled: JsonObject): Promise<string> {
  return astToString(await openapiTS(structuredClone(bundled) as never, { silent: true }));
}

interface Planned {
  check: Omit<CompilerCheck, "compatible" | "agrees" | "detail">;
  /** The TypeScript types: the value's (source) and the one it must be assignable to (target). */
  source: string;
  target: string;
}

const lit = (text: string) => JSON.stringify(text);

/** Whether a change sits under `base`, or is in a shared schema reached from under it. */
const isFrom = (change: Change, base: string) =>
  (change.via ?? [change.location]).some((at) => isUnder(at, base));

function plan(oldDoc: JsonObject, newDoc: JsonObject, changes: readonly Change[]): Planned[] {
  const planned: Planned[] = [];
  const before = operationsOf(oldDoc);
  const after = operationsOf(newDoc);
  const breakingAt = (operation: string, test: (c: Change) => boolean) =>
    changes
      .filter((c) => c.level === "breaking" && (c.operations ?? [c.operation]).includes(operation) && test(c))
      .map((c) => c.id);
  for (const [key, was] of before) {
    const now = after.get(key);
    if (!now) continue;
    const op = (side: "Old" | "New", entry: typeof was) =>
      `${side}[${lit(entry.path)}][${lit(entry.method)}]`;
    // A parameter's schema changes carry the ids of any schema (`request.enum.value-removed`), so
    // they are found by where they are: in the operation's or the path's parameter list.
    const parameterLists = [was, now].flatMap((entry) => [
      pointer(entry.location, "parameters"),
      pointer("", "paths", entry.path, "parameters"),
    ]);
    planned.push({
      check: {
        scope: "request parameters",
        operation: was.label,
        location: pointer(now.location, "parameters"),
        rulesBreaking: breakingAt(
          was.label,
          (c) => c.id.startsWith("request.parameter.") || parameterLists.some((list) => isFrom(c, list)),
        ),
      },
      source: `${op("Old", was)}["parameters"]`,
      target: `${op("New", now)}["parameters"]`,
    });
    const oldBody = isObject(was.operation.requestBody) ? was.operation.requestBody : {};
    const newBody = isObject(now.operation.requestBody) ? now.operation.requestBody : {};
    const newMedia = byMediaType(isObject(newBody.content) ? newBody.content : {});
    for (const [media, { type }] of byMediaType(isObject(oldBody.content) ? oldBody.content : {})) {
      const next = newMedia.get(media);
      if (!next) continue;
      const location = pointer(now.location, "requestBody", "content", next.type);
      planned.push({
        check: {
          scope: `request ${next.type}`,
          operation: was.label,
          location,
          rulesBreaking: breakingAt(was.label, (c) => c.id.startsWith("request.") && isFrom(c, location)),
        },
        source: `NonNullable<${op("Old", was)}["requestBody"]>["content"][${lit(type)}]`,
        target: `NonNullable<${op("New", now)}["requestBody"]>["content"][${lit(next.type)}]`,
      });
    }
    const oldResponses = isObject(was.operation.responses) ? was.operation.responses : {};
    const newResponses = isObject(now.operation.responses) ? now.operation.responses : {};
    for (const [status, response] of Object.entries(oldResponses)) {
      const nextResponse = newResponses[status];
      if (!isObject(response) || !isObject(nextResponse)) continue;
      const nextMedia = byMediaType(isObject(nextResponse.content) ? nextResponse.content : {});
      for (const [media, { type }] of byMediaType(isObject(response.content) ? response.content : {})) {
        const next = nextMedia.get(media);
        if (!next) continue;
        const location = pointer(now.location, "responses", status, "content", next.type);
        planned.push({
          check: {
            scope: `response ${status} ${next.type}`,
            operation: was.label,
            location,
            rulesBreaking: breakingAt(was.label, (c) => c.id.startsWith("response.") && isFrom(c, location)),
          },
          source: `${op("New", now)}["responses"][${lit(status)}]["content"][${lit(next.type)}]`,
          target: `${op("Old", was)}["responses"][${lit(status)}]["content"][${lit(type)}]`,
        });
      }
    }
  }
  return planned;
}

export async function compilerCheck(
  oldBundled: JsonObject,
  newBundled: JsonObject,
  oldResolved: JsonObject,
  newResolved: JsonObject,
  changes: readonly Change[],
): Promise<CompilerVerdict> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const [oldTypes, newTypes] = await Promise.all([typesOf(oldBundled), typesOf(newBundled)]);
    const planned = plan(oldResolved, newResolved, changes);
    const root = "/restore-jobs-diff";
    const lines = [
      `import type { paths as Old } from "./old.js";`,
      `import type { paths as New } from "./new.js";`,
      // One check per line, so a diagnostic's line names its check.
      ...planned.map(
        ({ source, target }, i) =>
          `declare const source${i}: ${source}; export const target${i}: ${target} = source${i};`,
      ),
    ];
    const program = compile({
      [`${root}/old.ts`]: oldTypes,
      [`${root}/new.ts`]: newTypes,
      [`${root}/check.ts`]: lines.join("\n"),
    });
    const problems = new Map<number, string>();
    const setup: string[] = [];
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      const line =
        d.file?.fileName === `${root}/check.ts` && d.start !== undefined
          ? d.file.getLineAndCharacterOfPosition(d.start).line - 2
          : -1;
      if (line >= 0) {
        if (!problems.has(line)) problems.set(line, text.split("\n").slice(0, 3).join(" "));
      } else {
        setup.push(`${d.file?.fileName ?? ""}: ${text.split("\n")[0]}`);
      }
    }
    if (setup.length > 0)
      return {
        ran: false,
        ms: ms(),
        reason: `the generated types do not compile: ${setup.slice(0, 3).join("; ")}`,
      };
    const checks = planned.map(({ check }, i): CompilerCheck => {
      const detail = problems.get(i);
      const compatible = detail === undefined;
      return {
        ...check,
        compatible,
        ...(detail ? { detail } : {}),
        agrees: compatible === (check.rulesBreaking.length === 0),
      };
    });
    return { ran: true, ms: ms(), tool, checks, disagreements: checks.filter((c) => !c.agrees).length };
  } catch (error) {
    return { ran: false, ms: ms(), reason: (error as Error).message.split("\n")[0] ?? "unknown error" };
  }
}
