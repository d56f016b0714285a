/**
 * What AWS's model of AWS Backup (vendor/aws-model/backup-2018-11-15/service-2.json) says the spec
 * must hold for a restore-job operation, written in the spec's own terms: method, path, each
 * binding as an OpenAPI parameter, the input and output schemas, the success status and the
 * modelled errors by status. The drift test compares the spec with this, member by member.
 */
import { readFileSync } from "node:fs";

export type JsonSchema = { [key: string]: unknown };

interface ModelMember {
  shape: string;
  location?: "uri" | "querystring" | "header" | "headers" | "statusCode";
  locationName?: string;
  documentation?: string;
}
interface ModelShape {
  type: string;
  members?: Record<string, ModelMember>;
  required?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  enum?: string[];
  pattern?: string;
  min?: number;
  max?: number;
  exception?: boolean;
  fault?: boolean;
  error?: { httpStatusCode?: number };
}
interface ModelOperation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string };
  errors?: { shape: string }[];
}
export interface AwsModel {
  operations: Record<string, ModelOperation>;
  shapes: Record<string, ModelShape>;
}

export const modelFolder = new URL("../../../../vendor/aws-model/backup-2018-11-15/", import.meta.url);
export const loadModel = (): AwsModel =>
  JSON.parse(readFileSync(new URL("service-2.json", modelFolder), "utf8")) as AwsModel;

/** The seven operations the spec writes from the model, beside StartRestoreJob. */
export const modelledOperations = [
  "GetRecoveryPointRestoreMetadata",
  "DescribeRestoreJob",
  "GetRestoreJobMetadata",
  "ListRestoreJobs",
  "ListRestoreJobsByProtectedResource",
  "ListRestoreJobSummaries",
  "PutRestoreValidationResult",
] as const;

/**
 * Values the model's documentation lists that its own pattern forbids; the spec accepts them
 * beside the pattern (anyOf). By shape, for every input member of that shape, or by
 * `Operation.Member`. The drift test checks each value is in the model's documentation and
 * breaks the pattern, and that the documentation lists no other such value.
 */
export const documentedBeyondPattern: Record<string, string[]> = {
  ResourceType: ["Storage Gateway", "SAP HANA on Amazon EC2"],
  "ListRestoreJobSummaries.AccountId": ["ANY", "AGGREGATE_ALL"],
};

/** A timestamp in a URI or query string: ISO 8601, UTC (restJson1). */
const dateTime: JsonSchema = { type: "string", format: "date-time" };

/**
 * The model's pattern (Java's regular expressions) as ECMA-262 reads it in unicode mode, which
 * JSON Schema tools use (ajv, Prism): an escaped character that is no syntax character (`\_`) is
 * an error there, and means the character itself in Java, so its backslash goes.
 */
export const unicodePattern = (pattern: string): string =>
  pattern.replace(/\\([\s\S])/g, (escaped, char: string) =>
    /[A-Za-z0-9^$\\.*+?()[\]{}|/-]/.test(char) ? escaped : char,
  );

type Side = "input" | "output";
type Place = "body" | "uri" | "querystring" | "header";

/**
 * The JSON Schema of a shape. Inputs carry every constraint (enum, pattern, length, range);
 * answers are held to types and enums only, never to input patterns the service itself breaks.
 */
export function shapeSchema(
  model: AwsModel,
  shapeName: string,
  side: Side,
  place: Place = "body",
  beyond?: string[],
): JsonSchema {
  const shape = model.shapes[shapeName];
  if (!shape) throw new Error(`the model has no shape ${shapeName}`);
  const limits = (min: string, max: string): JsonSchema =>
    side === "input"
      ? {
          ...(shape.min !== undefined ? { [min]: shape.min } : {}),
          ...(shape.max !== undefined ? { [max]: shape.max } : {}),
        }
      : {};
  switch (shape.type) {
    case "string": {
      if (shape.enum) return { type: "string", enum: shape.enum };
      const schema: JsonSchema = {
        type: "string",
        ...(side === "input" && shape.pattern !== undefined
          ? { pattern: unicodePattern(shape.pattern) }
          : {}),
        ...limits("minLength", "maxLength"),
      };
      return side === "input" && beyond ? { anyOf: [schema, { type: "string", enum: beyond }] } : schema;
    }
    case "boolean":
      return { type: "boolean" };
    case "integer":
      return { type: "integer", format: "int32", ...limits("minimum", "maximum") };
    case "long":
      return { type: "integer", format: "int64", ...limits("minimum", "maximum") };
    case "timestamp":
      // restJson1: epoch seconds in a JSON body, ISO 8601 in a URI or query, an HTTP date in a header.
      if (place === "body") return { type: "number" };
      return place === "header" ? { type: "string" } : dateTime;
    case "list":
      return {
        type: "array",
        items: shapeSchema(model, shape.member!.shape, side),
        ...limits("minItems", "maxItems"),
      };
    case "map":
      return {
        type: "object",
        additionalProperties: shapeSchema(model, shape.value!.shape, side),
        ...limits("minProperties", "maxProperties"),
      };
    case "structure":
      return structureSchema(model, shapeName, side);
    default:
      throw new Error(`shape ${shapeName}: type ${shape.type} is not translated`);
  }
}

function structureSchema(model: AwsModel, shapeName: string, side: Side, operation?: string): JsonSchema {
  const shape = model.shapes[shapeName]!;
  const properties: JsonSchema = {};
  for (const [name, member] of Object.entries(shape.members ?? {})) {
    properties[name] = memberSchema(model, operation, name, member, side);
  }
  const required = side === "input" ? [...(shape.required ?? [])].sort() : [];
  return {
    type: "object",
    ...(side === "input" ? { additionalProperties: false } : {}),
    ...(required.length ? { required } : {}),
    properties,
  };
}

function memberSchema(
  model: AwsModel,
  operation: string | undefined,
  name: string,
  member: ModelMember,
  side: Side,
): JsonSchema {
  const place: Place =
    member.location === "uri" || member.location === "querystring" || member.location === "header"
      ? member.location
      : "body";
  const beyond =
    documentedBeyondPattern[`${operation}.${name}`] ?? documentedBeyondPattern[member.shape] ?? undefined;
  const schema = shapeSchema(model, member.shape, side, place, beyond);
  // A URI label is never empty on the wire (Smithy's httpLabel: "MUST NOT be empty"; the SDKs
  // throw "Empty value provided for input HTTP label"): minLength 1 unless a pattern says so already.
  const pattern = typeof schema.pattern === "string" ? new RegExp(schema.pattern, "u") : undefined;
  return place === "uri" && (!pattern || pattern.test("")) ? { ...schema, minLength: 1 } : schema;
}

export interface ExpectedParameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  /** The input member the parameter carries. */
  member: string;
  schema: JsonSchema;
}

export interface ExpectedOperation {
  operationId: string;
  method: string;
  /** As the SDKs send it: the model's URI without a trailing slash. */
  path: string;
  parameters: ExpectedParameter[];
  /** The JSON body's schema, when members travel in it. */
  body?: JsonSchema;
  /** `<Op>Input`: every member, under its model name. */
  input: JsonSchema;
  success: { status: string; output?: JsonSchema };
  /** Modelled errors by the status restJson1 gives them. */
  errors: Record<string, string[]>;
}

/** The status restJson1 gives an error: its own `httpStatusCode`, else 500 for a fault, 400 otherwise. */
export function errorStatus(shape: ModelShape): string {
  return String(shape.error?.httpStatusCode ?? (shape.fault ? 500 : 400));
}

export function expectedOperation(model: AwsModel, name: string): ExpectedOperation {
  const op = model.operations[name];
  if (!op) throw new Error(`the model has no operation ${name}`);
  const inputShape = op.input ? model.shapes[op.input.shape]! : { type: "structure", members: {} };
  const input = op.input
    ? structureSchema(model, op.input.shape, "input", name)
    : { type: "object", additionalProperties: false, properties: {} };
  const inputProperties = input.properties as Record<string, JsonSchema>;
  const parameters: ExpectedParameter[] = [];
  const bodyMembers: string[] = [];
  for (const [member, spec] of Object.entries(inputShape.members ?? {})) {
    const where = { uri: "path", querystring: "query", header: "header" } as const;
    const location = spec.location as keyof typeof where | undefined;
    if (location && where[location]) {
      parameters.push({
        name: spec.locationName ?? member,
        in: where[location],
        required: location === "uri" || (inputShape.required ?? []).includes(member),
        member,
        schema: inputProperties[member]!,
      });
    } else bodyMembers.push(member);
  }
  const required = ((input.required as string[] | undefined) ?? []).filter((m) => bodyMembers.includes(m));
  const body = bodyMembers.length
    ? {
        type: "object",
        additionalProperties: false,
        ...(required.length ? { required } : {}),
        properties: Object.fromEntries(bodyMembers.map((m) => [m, inputProperties[m]!])),
      }
    : undefined;
  const errors: Record<string, string[]> = {};
  for (const { shape } of op.errors ?? []) {
    const status = errorStatus(model.shapes[shape]!);
    errors[status] = [...(errors[status] ?? []), shape].sort();
  }
  return {
    operationId: name,
    method: op.http.method.toLowerCase(),
    path: op.http.requestUri.length > 1 ? op.http.requestUri.replace(/\/$/, "") : op.http.requestUri,
    parameters,
    ...(body ? { body } : {}),
    input,
    success: {
      status: String(op.http.responseCode ?? 200),
      ...(op.output ? { output: structureSchema(model, op.output.shape, "output") } : {}),
    },
    errors,
  };
}

/** An error shape's body: its members, as answers are read (types only). */
export const errorSchema = (model: AwsModel, shape: string): JsonSchema =>
  structureSchema(model, shape, "output");

/** The `<code>…</code>` values of a documentation string, in order. */
export const codeValues = (documentation: string | undefined): string[] =>
  [...(documentation ?? "").matchAll(/<code>\s*([^<]*?)\s*<\/code>/g)].map((m) => m[1]!);
