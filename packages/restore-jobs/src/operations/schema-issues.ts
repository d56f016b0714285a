/**
 * The spec's request schema, compiled ahead of time by `npm run generate` (ajv standalone), as
 * issues a person reads: each ajv error becomes a JSON pointer to the offending value and a
 * sentence about it, every operation alike; the value itself is never quoted.
 */
import type { RequestSchemaIssue, RequestSchemaValidator } from "../../generated/validate-request.js";
import type { ValidationIssue } from "../errors.js";
import { escapePointer } from "../json.js";

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

function describe(error: RequestSchemaIssue, operationName: string): ValidationIssue {
  const at = error.instancePath;
  const params = error.params;
  switch (error.keyword) {
    case "required":
      return { pointer: `${at}/${escapePointer(String(params.missingProperty))}`, message: "is required" };
    case "additionalProperties":
      return {
        pointer: `${at}/${escapePointer(String(params.additionalProperty))}`,
        message: `is not a member of ${operationName}'s input (unknown member)`,
      };
    case "enum":
      return {
        pointer: at,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
      };
    case "pattern":
      return { pointer: at, message: `must match ${String(params.pattern)}` };
    case "type":
      return { pointer: at, message: `must be ${article(String(params.type))}` };
    default:
      return { pointer: at, message: error.message ?? `breaks the ${error.keyword} rule` };
  }
}

/**
 * Every problem `validate` finds in `input`, each once. `rules` names the spec's named rules
 * (`$defs` used through `if`/`then`) by the issue to report when one fails: ajv reports the
 * failed `if` and the keyword inside its `then`, which a person reads as one sentence.
 */
export function schemaIssues(
  validate: RequestSchemaValidator,
  input: unknown,
  operationName: string,
  rules: Readonly<Record<string, ValidationIssue>> = {},
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (validate(input)) return issues;
  for (const error of validate.errors ?? []) {
    if (error.keyword === "if") continue;
    const rule = Object.keys(rules).find((name) => error.schemaPath.includes(name));
    const issue = rule ? (rules[rule] as ValidationIssue) : describe(error, operationName);
    if (!issues.some((i) => i.pointer === issue.pointer && i.message === issue.message)) issues.push(issue);
  }
  return issues;
}
