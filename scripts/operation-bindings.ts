/**
 * generated/operations.ts: for each operation of the spec, where its input's members travel
 * (URI label, query, header, JSON body) under which wire names, its method, path and success
 * status: read from the spec (a parameter's schema is `$ref` to the `<Op>Input` member it
 * carries), so the client's per-operation files name no wire detail by hand. Part of `npm run
 * generate`; a repository tool, in neither package.
 */
import type { OpenApiDocument } from "../packages/restore-jobs-cli/src/openapi-document.js";

interface Parameter {
  name: string;
  in: string;
  schema?: { $ref?: string };
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: {
    content?: Record<string, { schema?: { $ref?: string; properties?: Record<string, unknown> } }>;
  };
  responses?: Record<string, unknown>;
}

export interface Binding {
  operationId: string;
  method: string;
  path: string;
  successStatus: number;
  labels: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string[];
}

/** The member of `<Op>Input` a parameter carries, from its schema's `$ref`; throws when it names none. */
function memberOf(operationId: string, parameter: Parameter): string {
  const prefix = `#/components/schemas/${operationId}Input/properties/`;
  const ref = parameter.schema?.$ref;
  if (!ref?.startsWith(prefix)) {
    throw new Error(
      `${operationId}: parameter ${parameter.in} ${parameter.name} is no $ref to a member of ${operationId}Input`,
    );
  }
  return ref.slice(prefix.length);
}

/** The JSON body's members: the properties of its schema, or all of `<Op>Input` when that is the body. */
function bodyMembers(doc: OpenApiDocument, operationId: string, operation: Operation): string[] {
  const schema = operation.requestBody?.content?.["application/json"]?.schema;
  if (!schema) return [];
  if (schema.$ref === `#/components/schemas/${operationId}Input`) {
    return Object.keys((doc.components?.schemas?.[`${operationId}Input`]?.properties ?? {}) as object);
  }
  if (!schema.properties)
    throw new Error(`${operationId}: the request body is neither ${operationId}Input nor its members`);
  return Object.keys(schema.properties);
}

/** Every operation of the document that has an `<Op>Input`, in the document's order. */
export function bindingsOf(doc: OpenApiDocument): Binding[] {
  const bindings: Binding[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, value] of Object.entries(item)) {
      const operation = value as Operation;
      const id = operation.operationId;
      if (typeof id !== "string" || !(`${id}Input` in (doc.components?.schemas ?? {}))) continue;
      const where = (place: string) =>
        Object.fromEntries(
          (operation.parameters ?? []).filter((p) => p.in === place).map((p) => [memberOf(id, p), p.name]),
        );
      const success = Object.keys(operation.responses ?? {}).find((status) => /^2\d\d$/.test(status));
      if (!success) throw new Error(`${id}: no success status`);
      bindings.push({
        operationId: id,
        method: method.toUpperCase(),
        path,
        successStatus: Number(success),
        labels: where("path"),
        query: where("query"),
        headers: where("header"),
        body: bodyMembers(doc, id, operation),
      });
    }
  }
  return bindings;
}

/** The module's text: one `<Op>Binding` export per operation, so a bundle keeps only those it uses. */
export function bindingsSource(doc: OpenApiDocument, banner: string): string {
  const exports = bindingsOf(doc).map(
    (binding) =>
      `/** ${binding.method} ${binding.path} (${binding.operationId}). */\nexport const ${binding.operationId}Binding = ${JSON.stringify(binding, null, 2)} as const satisfies OperationBinding;\n`,
  );
  return `${banner}
/** Where an operation's input travels: each member of \`<Op>Input\` by its wire name. */
export interface OperationBinding {
  /** The spec's operationId, AWS's name of the operation. */
  readonly operationId: string;
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD";
  /** The path template as the spec and openapi-fetch write it (\`/restore-jobs/{restoreJobId}\`). */
  readonly path: string;
  readonly successStatus: number;
  /** Input member → URI label (one path segment, percent-encoded). */
  readonly labels: Readonly<Record<string, string>>;
  /** Input member → query parameter. */
  readonly query: Readonly<Record<string, string>>;
  /** Input member → header. */
  readonly headers: Readonly<Record<string, string>>;
  /** The input members sent as the JSON body (none: no body). */
  readonly body: readonly string[];
}

${exports.join("\n")}`;
}
