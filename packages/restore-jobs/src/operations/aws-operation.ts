/**
 * The descriptor of an operation that speaks only AWS's wire (restJson1), made from what the spec
 * generates for it: its method, path and bindings (generated/operations.ts), its input validator
 * (generated/validators/) and its output's shape. Written once here so each operation's file only
 * names its pieces. A timestamp input member may be a `Date` (or an RFC 3339 string, as the spec
 * types it); the validator sees its ISO string, the query gets restJson1's date-time.
 */
import type { OperationBinding } from "../../generated/operations.js";
import type { RequestSchemaValidator } from "../../generated/validators/types.js";
import { isObject, type JsonObject } from "../json.js";
import { readAwsOutput, type Shape } from "./aws-output.js";
import { bindingsOf } from "./http-bindings.js";
import { type Operation, successBody } from "./operation.js";
import { schemaIssues } from "./schema-issues.js";

/** `T` with its timestamp members `K` taking a `Date` as well as the spec's date-time string. */
export type WithDateInputs<T, K extends keyof T> = Omit<T, K> & { [P in K]?: Date | T[P] };

export function awsOperation<Input, Output>(spec: {
  binding: OperationBinding;
  validate: RequestSchemaValidator;
  /** The output's members; none for an operation that answers without a body (204). */
  output?: { readonly [member: string]: Shape };
  /** Input members that are timestamps. */
  timestamps?: readonly string[];
  /** Whether a failed attempt may be sent again; default: a GET may. */
  idempotent?: boolean;
}): Operation<Input, Output> & { readonly outputShape?: { readonly [member: string]: Shape } } {
  const { binding, validate, output, timestamps = [] } = spec;
  const name = binding.operationId;
  return {
    name,
    method: binding.method as Operation<Input, Output>["method"],
    path: binding.path,
    check(input) {
      // The schema holds a timestamp as a date-time string; a Date is checked as the one it sends.
      let checked = input;
      if (isObject(input) && timestamps.some((member) => input[member] instanceof Date)) {
        checked = { ...input };
        for (const member of timestamps) {
          const value = input[member] as unknown;
          if (value instanceof Date) (checked as JsonObject)[member] = value.toISOString();
        }
      }
      return schemaIssues(validate, checked, name);
    },
    bindings: bindingsOf(binding),
    ...(binding.body.length > 0 && { body: binding.body }),
    timestamps,
    idempotent: spec.idempotent ?? binding.method === "GET",
    read: output
      ? (body, text) => readAwsOutput<Output>(successBody(body, text), output)
      : () => ({}) as Output,
    // What the reader holds answers to; a test holds it to the spec's output schema.
    ...(output && { outputShape: output }),
  };
}
