/**
 * The one reader of outputs on the AWS wire (restJson1), for every operation: a member's shape
 * says how its JSON is read. Timestamps are epoch seconds and become `Date`s (fractions kept to the
 * millisecond); an absent or `null` member stays absent; members the shape does not name are left
 * out (a newer service may add some). A value of the wrong type is `NotTheOutput` naming the member.
 * https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
 */
import { isObject, type JsonObject } from "../json.js";
import { NotTheOutput } from "./operation.js";

/**
 * A member's shape: a scalar's name, `["enum", values]` (a string among the model's values),
 * `["list", shape]`, `["map", shape]` (string keys), or a structure (member name → shape).
 */
export type Shape =
  | "string"
  | "number"
  | "boolean"
  | "timestamp"
  | readonly ["enum", readonly string[]]
  | readonly ["list" | "map", Shape]
  | { readonly [member: string]: Shape };

function readValue(value: unknown, shape: Shape, at: string): unknown {
  const wrong = (what: string) => new NotTheOutput(`a success answer whose member ${at} is not ${what}`);
  if (typeof shape === "string") {
    if (shape === "timestamp") {
      if (typeof value !== "number" || !Number.isFinite(value)) throw wrong("a timestamp (epoch seconds)");
      return new Date(Math.round(value * 1000));
    }
    // A long past 2^53 arrives rounded: JSON.parse reads it as a double, as the AWS SDK does.
    if (typeof value !== shape || (shape === "number" && !Number.isFinite(value))) throw wrong(`a ${shape}`);
    return value;
  }
  if (Array.isArray(shape) && shape[0] === "enum") {
    // Held to the model's values: a status the types do not name would pass unseen otherwise.
    const values = shape[1] as readonly string[];
    if (typeof value !== "string" || !values.includes(value)) throw wrong(`one of ${values.join(", ")}`);
    return value;
  }
  if (Array.isArray(shape) && shape[0] === "list") {
    if (!Array.isArray(value)) throw wrong("a list");
    return value.map((item, index) => readValue(item, shape[1] as Shape, `${at}[${index}]`));
  }
  if (!isObject(value)) throw wrong("an object");
  const out: JsonObject = {};
  if (Array.isArray(shape)) {
    for (const [key, item] of Object.entries(value)) {
      // Defined, not assigned: a key `__proto__` stays an entry.
      if (item !== null)
        Object.defineProperty(out, key, {
          value: readValue(item, shape[1] as Shape, `${at}.${key}`),
          enumerable: true,
        });
    }
    return out;
  }
  for (const [member, memberShape] of Object.entries(shape as { readonly [member: string]: Shape })) {
    const item = Object.hasOwn(value, member) ? value[member] : undefined;
    if (item !== undefined && item !== null)
      out[member] = readValue(item, memberShape, at ? `${at}.${member}` : member);
  }
  return out;
}

/** The output of an AWS-wire success body, as `shape` says; `NotTheOutput` names a mistyped member. */
export function readAwsOutput<Output>(body: JsonObject, shape: { readonly [member: string]: Shape }): Output {
  return readValue(body, shape, "") as Output;
}
