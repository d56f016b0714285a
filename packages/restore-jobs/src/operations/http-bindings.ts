/**
 * restJson1's HTTP bindings for the operations that have them
 * (https://smithy.io/2.0/spec/http-bindings.html): which input members go in a URI label (`{name}`
 * in the path, percent-encoded once), the query or a header instead of the JSON body. An operation
 * without bindings does not import this file, so a program that calls only such an operation does
 * not bundle it.
 */
import type { OperationBinding } from "../../generated/operations.js";
import type { ValidationIssue } from "../errors.js";
import { escapePointer, isObject, type JsonObject } from "../json.js";
import type { HttpBindings } from "./operation.js";

/** Where one member goes; `name` is its wire name. */
export type Binding = { readonly in: "label" | "query" | "header"; readonly name: string };

/**
 * RFC 3986's unreserved characters stay, every other byte is percent-encoded, as the AWS SDKs
 * encode a URI label or a query value (encodeURIComponent leaves `!'()*`, which they encode).
 */
export const encodeRfc3986 = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A value as a label, query or header carries it: a Date as restJson1 writes a timestamp there. */
function wireText(value: unknown, where: Binding["in"]): string {
  if (value instanceof Date) {
    // restJson1: a timestamp in a header is an HTTP-date, in a label or the query a date-time.
    return where === "header" ? value.toUTCString() : value.toISOString().replace(".000Z", "Z");
  }
  return String(value);
}

/**
 * The bindings the spec gives an operation (generated/operations.ts: labels, query, headers, each
 * input member → its wire name), as `httpBindings` takes them.
 */
export function bindingsOf(binding: OperationBinding): HttpBindings {
  const members: Record<string, Binding> = {};
  for (const where of ["labels", "query", "headers"] as const) {
    const into = where === "labels" ? "label" : where === "query" ? "query" : "header";
    for (const [member, name] of Object.entries(binding[where])) members[member] = { in: into, name };
  }
  return httpBindings(members);
}

/** The bindings of an operation, by input member name. */
export function httpBindings(members: Readonly<Record<string, Binding>>): HttpBindings {
  const entries = Object.entries(members);
  return {
    issues(input) {
      const issues: ValidationIssue[] = [];
      for (const [member, binding] of entries) {
        // An empty label would make the path name another resource (the AWS SDKs refuse it too).
        if (binding.in === "label" && isObject(input) && input[member] === "")
          issues.push({
            pointer: `/${escapePointer(member)}`,
            message: "must not be empty (it is a URI label)",
          });
      }
      return issues;
    },
    apply(template: string, input: JsonObject) {
      let path = template;
      const query: string[] = [];
      const headers: Record<string, string> = {};
      for (const [member, binding] of entries) {
        const value = input[member];
        if (value === undefined) continue;
        const values = Array.isArray(value) ? value : [value];
        if (binding.in === "label")
          path = path.replace(`{${binding.name}}`, encodeRfc3986(wireText(value, "label")));
        else if (binding.in === "query")
          for (const item of values)
            query.push(`${encodeRfc3986(binding.name)}=${encodeRfc3986(wireText(item, "query"))}`);
        else headers[binding.name.toLowerCase()] = values.map((v) => wireText(v, "header")).join(",");
      }
      return { path, query: query.join("&"), headers };
    },
  };
}
