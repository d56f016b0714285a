import { type OpenApiDocument, operationOf, requestSchemaOf, responseSchemaOf } from "../openapi-document.js";
import { type BodyArbitraries, bodyArbitraries } from "./body-arbitraries.js";
import { createValidatorFactory, describeErrors } from "./schema-validator.js";
import type { PrismInFront } from "./schema-walk.js";

/** What the checks need to know of the operation, read from the spec (nothing hard-coded). */
export interface Contract {
  /** The operation's id, method (upper case) and path, as the spec names them. */
  operationId: string;
  method: string;
  path: string;
  bodies: BodyArbitraries;
  /** Whether a status is declared: exactly, by a range such as `4XX`, or by `default`. */
  declaresStatus(status: number): boolean;
  /** The media types declared for a status (those of `default` or a range when not exact). */
  mediaTypesOf(status: number): string[];
  /** The problems of a response body against its status's schema; `undefined` when valid or undeclared. */
  responseProblems(status: number, body: unknown): string | undefined;
}

type Responses = Record<string, { content?: Record<string, unknown> }>;

/** The operation the job verifies (the other operations of the spec are not verified yet). */
export const verifiedOperationId = "StartRestoreJob";

/**
 * Where the operation `operationId` is in the document: the first path and method that name it;
 * a document that names none, PUT /restore-jobs (StartRestoreJob's place).
 */
export function placeOf(doc: OpenApiDocument, operationId: string): { method: string; path: string } {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries((item ?? {}) as Record<string, unknown>)) {
      if ((operation as { operationId?: unknown } | null)?.operationId === operationId)
        return { method: method.toUpperCase(), path };
    }
  }
  return { method: "PUT", path: "/restore-jobs" };
}

/**
 * @param prismInFront whether Prism answers for the target (embedded mock, proxy): see PrismInFront.
 * @param clientJudge the client's own judgement of a valid input (`findInputProblems`), when it
 *   judges this document's operation: one source of validity for the client and the job, so that
 *   the job never asks a 200 for a body the client itself refuses (a rule the spec states in words
 *   that JSON Schema cannot hold).
 */
export function contractOf(
  doc: OpenApiDocument,
  prismInFront: PrismInFront = "none",
  clientJudge?: (body: unknown) => boolean,
  operationId = verifiedOperationId,
): Contract {
  const { method, path } = placeOf(doc, operationId);
  const operation = operationOf(doc, method, path);
  const responses = (operation.responses ?? {}) as Responses;
  const keyOf = (status: number): string | undefined => {
    const exact = String(status);
    const range = `${exact[0]}XX`;
    return [exact, range, range.toLowerCase(), "default"].find((key) => key in responses);
  };
  const compile = createValidatorFactory();
  const validators = new Map<string, ReturnType<typeof compile>>();
  for (const key of Object.keys(responses)) {
    const schema = responseSchemaOf(doc, key, method, path);
    if (schema) validators.set(key, compile(schema));
  }
  const examples = requestExamplesOf(operation);
  return {
    operationId,
    method,
    path,
    bodies: bodyArbitraries(requestSchemaOf(doc, method, path), examples, prismInFront, clientJudge),
    declaresStatus: (status) => keyOf(status) !== undefined,
    mediaTypesOf: (status) => {
      const key = keyOf(status);
      return Object.keys((key && responses[key]?.content) || {});
    },
    responseProblems: (status, body) => {
      const key = keyOf(status);
      const validate = key === undefined ? undefined : validators.get(key);
      if (!validate || validate(body)) return undefined;
      return describeErrors(validate);
    },
  };
}

/** The request examples of the operation (`requestBody.content["application/json"].examples`). */
function requestExamplesOf(operation: Record<string, unknown>): unknown[] {
  const media = (
    operation.requestBody as {
      content?: Record<string, { example?: unknown; examples?: Record<string, { value?: unknown }> }>;
    }
  )?.content?.["application/json"];
  const named = Object.values(media?.examples ?? {}).map((e) => e.value);
  return [...(media?.example === undefined ? [] : [media.example]), ...named].filter((v) => v !== undefined);
}
