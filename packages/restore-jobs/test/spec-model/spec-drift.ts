/**
 * Where the spec departs from AWS's model of AWS Backup: one line per difference, with where it is
 * (`ListRestoreJobs: parameter query status: schema: /enum/2: ...`). Empty when the spec holds what
 * the model says. The spec's `$ref`s are followed and its annotations (descriptions, examples)
 * left out, so only what a validator or the wire sees is compared.
 */
import { stripAnnotations } from "../../../../scripts/generate.js";
import {
  type AwsModel,
  codeValues,
  errorSchema,
  expectedOperation,
  type JsonSchema,
  modelledOperations,
} from "./expected-from-model.js";

type Json = unknown;
const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** What a local `$ref` (`#/components/schemas/X/properties/Y`) points at, or undefined. */
function target(doc: Json, ref: string): Json {
  if (!ref.startsWith("#/")) return undefined;
  let at: Json = doc;
  for (const part of ref.slice(2).split("/")) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    at = isObject(at) ? at[key] : undefined;
  }
  return at;
}

/** The node with every local `$ref` replaced by what it points at (its siblings kept beside). */
export function resolved(doc: Json, node: Json, depth = 0): Json {
  if (depth > 64) throw new Error("a $ref cycle");
  if (Array.isArray(node)) return node.map((item) => resolved(doc, item, depth));
  if (!isObject(node)) return node;
  const { $ref, ...rest } = node;
  const base = typeof $ref === "string" ? resolved(doc, target(doc, $ref), depth + 1) : {};
  const own = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key, resolved(doc, value, depth)]),
  );
  return isObject(base) ? { ...base, ...own } : { $unresolved: $ref };
}

/** A schema as a validator sees it: references followed, annotations gone. */
export const schemaOf = (doc: Json, schema: Json): Json => stripAnnotations(resolved(doc, schema));

/** Every difference between what is expected and what is there, by JSON pointer. */
export function differences(expected: Json, actual: Json, at = ""): string[] {
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
    return keys.flatMap((key) => differences(expected[key], actual[key], `${at}/${key}`));
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const length = Math.max(expected.length, actual.length);
    return Array.from({ length }, (_, i) => differences(expected[i], actual[i], `${at}/${i}`)).flat();
  }
  if (JSON.stringify(expected) === JSON.stringify(actual)) return [];
  return [`${at || "/"}: the model says ${JSON.stringify(expected)}, the spec ${JSON.stringify(actual)}`];
}

interface SpecOperation {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: { $ref?: string } }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Json }> };
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: Json }> }>;
}
interface Spec {
  paths: Record<string, Record<string, SpecOperation>>;
  components: { schemas: Record<string, Json> };
}

const componentRef = (name: string) => `#/components/schemas/${name}`;
const refName = (schema: Json) =>
  isObject(schema) && typeof schema.$ref === "string"
    ? schema.$ref.replace(/^#\/components\/schemas\//, "")
    : "";
/** Errors every AWS service returns, documented on each restJson1 operation beside the modelled ones. */
export const awsWideStatuses = ["400", "401", "403", "429", "500"];

function operationDrift(spec: Spec, model: AwsModel, name: string): string[] {
  const want = expectedOperation(model, name);
  const op = spec.paths[want.path]?.[want.method];
  if (!op) return [`${name}: no operation ${want.method.toUpperCase()} ${want.path}`];
  const drift: string[] = [];
  const compare = (where: string, expected: Json, actual: Json) =>
    drift.push(...differences(expected, actual).map((line) => `${where}: ${line}`));
  compare("operationId", want.operationId, op.operationId);

  const parameters = op.parameters ?? [];
  for (const parameter of want.parameters) {
    const found = parameters.find((p) => p.name === parameter.name && p.in === parameter.in);
    const where = `parameter ${parameter.in} ${parameter.name}`;
    if (!found) {
      drift.push(`${where}: missing (the model binds ${parameter.member} there)`);
      continue;
    }
    compare(`${where}: required`, parameter.required, found.required ?? false);
    compare(
      `${where}: $ref`,
      `${componentRef(`${name}Input`)}/properties/${parameter.member}`,
      found.schema?.$ref,
    );
    compare(`${where}: schema`, parameter.schema, schemaOf(spec, found.schema));
  }
  for (const extra of parameters.filter(
    (p) => !want.parameters.some((w) => w.name === p.name && w.in === p.in),
  )) {
    drift.push(`parameter ${extra.in} ${extra.name}: not in the model`);
  }

  const body = op.requestBody?.content?.["application/json"]?.schema;
  compare("requestBody", want.body, body === undefined ? undefined : schemaOf(spec, body));
  if (want.body) compare("requestBody: required", true, op.requestBody?.required);
  compare(`components ${name}Input`, want.input, schemaOf(spec, spec.components.schemas[`${name}Input`]));

  const responses = op.responses ?? {};
  const success = responses[want.success.status];
  if (!success) drift.push(`responses: no ${want.success.status}, the model's success status`);
  const extraSuccess = Object.keys(responses).filter((s) => /^2/.test(s) && s !== want.success.status);
  if (extraSuccess.length)
    drift.push(`responses: ${extraSuccess.join(", ")} beside the model's ${want.success.status}`);
  const output = success?.content?.["application/json"]?.schema;
  if (want.success.output)
    compare("success: schema $ref", componentRef(`${name}Output`), (output as JsonSchema)?.$ref);
  compare("success: schema", want.success.output, output === undefined ? undefined : schemaOf(spec, output));

  for (const status of awsWideStatuses) {
    const response = responses[status];
    const shared = typeof response?.$ref === "string" ? target(spec, response.$ref) : response;
    const content = (shared as { content?: Record<string, { schema?: Json }> } | undefined)?.content?.[
      "application/json"
    ]?.schema;
    if (!content) {
      drift.push(`responses: no ${status} with an AWS error body`);
      continue;
    }
    const named =
      isObject(content) && Array.isArray(content.anyOf) ? content.anyOf.map(refName) : [refName(content)];
    compare(
      `responses ${status}: errors`,
      [...(want.errors[status] ?? []), "AwsErrorBody"].sort(),
      named.sort(),
    );
  }
  for (const status of Object.keys(want.errors).filter((s) => !awsWideStatuses.includes(s))) {
    drift.push(`responses: no ${status}, the status of ${want.errors[status]!.join(", ")}`);
  }
  for (const error of Object.values(want.errors).flat()) {
    compare(`components ${error}`, errorSchema(model, error), schemaOf(spec, spec.components.schemas[error]));
  }
  return drift.map((line) => `${name}: ${line}`);
}

/**
 * StartRestoreJob was written from its documentation page, with patterns stricter than the model's
 * plain strings and the documented EFS rules: held here to the model's members, required list and
 * types, and its `ResourceType` enum to the list the model documents.
 */
function startRestoreJobDrift(spec: Spec, model: AwsModel): string[] {
  const want = expectedOperation(model, "StartRestoreJob");
  const drift: string[] = [];
  const op = spec.paths[want.path]?.[want.method];
  if (op?.operationId !== "StartRestoreJob")
    drift.push(`no operation StartRestoreJob at ${want.method} ${want.path}`);
  const have = schemaOf(spec, spec.components.schemas.StartRestoreJobInput) as JsonSchema;
  // A member's type, or its alternatives' (the model's ResourceType pattern with documented values).
  const typeOf = (schema: JsonSchema): unknown =>
    schema.type ?? [...new Set((schema.anyOf as JsonSchema[] | undefined)?.map(typeOf))].join("|");
  const typesOf = (schema: JsonSchema) => ({
    required: [...((schema.required as string[] | undefined) ?? [])].sort(),
    types: Object.fromEntries(
      Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(([k, v]) => [k, typeOf(v)]),
    ),
  });
  drift.push(
    ...differences(typesOf(want.input), typesOf(have)).map((line) => `StartRestoreJobInput: ${line}`),
  );
  const documented = codeValues(model.shapes.StartRestoreJobInput?.members?.ResourceType?.documentation);
  const enumOf = (schemaOf(spec, spec.components.schemas.ResourceType) as JsonSchema).enum;
  drift.push(...differences(documented, enumOf).map((line) => `ResourceType enum: ${line}`));
  return drift;
}

/** Every difference between the spec and the model, for StartRestoreJob and the seven operations. */
export function specDrift(spec: unknown, model: AwsModel): string[] {
  const doc = spec as Spec;
  return [
    startRestoreJobDrift(doc, model),
    ...modelledOperations.map((name) => operationDrift(doc, model, name)),
  ].flat();
}
