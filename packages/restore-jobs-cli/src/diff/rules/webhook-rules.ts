/**
 * Rules for `webhooks` (OpenAPI 3.1): requests the server sends to the client. Directions are
 * reversed against an operation's: the payload (the webhook's request body and parameters) is what
 * the client receives, judged as a response; the reply (the webhook's responses) is what the client
 * sends back, judged as a request. Every change of a webhook is reported: what no rule classifies
 * gets `webhook.changed-unclassified`.
 */
import { isObject, type JsonObject } from "../../json.js";
import type { OperationEntry } from "../documents/operations.js";
import { pointer } from "../documents/pointer.js";
import { canonical } from "../schema/canonical.js";
import { compareBodySchemas } from "../schema/compare-schema.js";
import { ChangeList, type ChangeSink, type Level } from "../types.js";
import { parameterKey } from "./parameter-rules.js";
import { byMediaType } from "./request-rules.js";
import { type After, type RuleId, rule } from "./rules.js";
import { compareWebhookReplies } from "./webhook-replies.js";
import { callbackSink, callbacksOf, type WebhookEntry, webhookSink, webhooksOf } from "./webhooks.js";

export function compareWebhooks(oldDoc: JsonObject, newDoc: JsonObject, sink: ChangeSink): void {
  compareHooks(webhooksOf(oldDoc), webhooksOf(newDoc), sink);
}

/** The callbacks of an operation, judged as webhooks are (webhooks.ts), as changes of the operation. */
export function compareCallbacks(before: OperationEntry, after: OperationEntry, sink: ChangeSink): void {
  compareHooks(
    callbacksOf(before.operation, before.location),
    callbacksOf(after.operation, after.location),
    callbackSink(before.label, sink),
  );
}

function compareHooks(
  was: Map<string, WebhookEntry>,
  now: Map<string, WebhookEntry>,
  sink: ChangeSink,
): void {
  const fresh = [...now.keys()].filter((key) => !was.has(key));
  for (const [key, before] of was) {
    const after = now.get(key);
    if (after) {
      compareWebhook(before, after, sink);
      continue;
    }
    // The only method of a webhook gone and another there: the server calls with another method.
    const moved = fresh.filter((k) => now.get(k)?.name === before.name);
    const gone = [...was.values()].filter((w) => w.name === before.name && !now.has(`${w.name} ${w.method}`));
    const movedTo = moved.length === 1 && gone.length === 1 ? now.get(moved[0]!) : undefined;
    if (movedTo) fresh.splice(fresh.indexOf(moved[0]!), 1);
    sink.add({
      ...rule(movedTo ? "webhook.method-changed" : "webhook.removed"),
      operation: before.label,
      location: movedTo ? movedTo.location : before.location,
      message: movedTo
        ? `The server now calls the webhook ${before.name} with ${movedTo.method.toUpperCase()} instead of ${before.method.toUpperCase()}; receivers listen for ${before.method.toUpperCase()}.`
        : `The ${before.label} was removed; clients that rely on it are no longer called.`,
    });
  }
  for (const key of fresh) {
    const after = now.get(key)!;
    sink.add({
      ...rule("webhook.added"),
      operation: after.label,
      location: after.location,
      message: `The ${after.label} was added: the server may call clients that register for it.`,
    });
  }
}

function parametersOf(entry: WebhookEntry): Map<string, { raw: JsonObject; location: string }> {
  const out = new Map<string, { raw: JsonObject; location: string }>();
  const collect = (list: unknown[], base: string) =>
    list.forEach((p, i) => {
      const key = parameterKey(p);
      if (key !== undefined && isObject(p))
        out.set(key, { raw: p, location: pointer(base, "parameters", i) });
    });
  collect(entry.itemParameters, entry.itemLocation);
  collect(Array.isArray(entry.operation.parameters) ? entry.operation.parameters : [], entry.location);
  return out;
}

/**
 * What the webhook means, for the safety net: all of it (security, callbacks, `deprecated` too)
 * but documentation and its operationId, with its parameters keyed by (in, name).
 */
function meaning(entry: WebhookEntry): string {
  const parameters = Object.fromEntries([...parametersOf(entry)].map(([key, p]) => [key, p.raw]));
  const { operationId: _id, ...rest } = entry.operation;
  return canonical({ ...rest, parameters }, true);
}

function compareWebhook(before: WebhookEntry, after: WebhookEntry, sink: ChangeSink): void {
  const found = new ChangeList();
  const operation = before.label;
  const add: Add = (id, location, message, chosen) =>
    found.add({ ...rule(`webhook.${id}` as RuleId, chosen), operation, location, message });
  const payload = webhookSink("response", found);

  const oldParameters = parametersOf(before);
  const newParameters = parametersOf(after);
  for (const [key, { raw, location }] of oldParameters) {
    if (newParameters.has(key)) continue;
    const required = raw.required === true || raw.in === "path";
    add(
      "parameter.removed",
      location,
      `The server no longer sends the ${String(raw.in)} parameter \`${String(raw.name)}\`${required ? " (it was required)" : ""}.`,
      required ? "breaking" : "info",
    );
  }
  for (const [key, { raw, location }] of newParameters) {
    const old = oldParameters.get(key);
    const name = `${String(raw.in)} parameter \`${String(raw.name)}\``;
    if (!old) {
      add("parameter.added", location, `The server now sends the ${name}.`);
      continue;
    }
    const wasRequired = old.raw.required === true || old.raw.in === "path";
    const isRequired = raw.required === true || raw.in === "path";
    if (wasRequired && !isRequired)
      add("parameter.became-optional", location, `The ${name} may no longer arrive.`);
    if (!wasRequired && isRequired)
      add("parameter.became-required", location, `The ${name} now always arrives.`);
    compareBodySchemas(old.raw.schema ?? {}, raw.schema ?? {}, pointer(location, "schema"), {
      direction: "response",
      operation,
      sink: payload,
      parameter: `the ${name}`,
    });
  }

  comparePayload(before, after, add, payload);
  compareWebhookReplies(before, after, found);
  if (found.changes.length === 0 && meaning(before) !== meaning(after)) {
    add(
      "changed-unclassified",
      after.location,
      `The ${operation} changed in a way no rule classifies (headers, links or a keyword the rules do not read); review it by hand.`,
    );
  }
  for (const change of found.changes) sink.add(change);
}

type Add = (id: After<"webhook.">, location: string, message: string, chosen?: Level) => void;

/** The webhook's request body: what the client receives. */
function comparePayload(before: WebhookEntry, after: WebhookEntry, add: Add, payload: ChangeSink): void {
  const was = isObject(before.operation.requestBody) ? before.operation.requestBody : undefined;
  const now = isObject(after.operation.requestBody) ? after.operation.requestBody : undefined;
  const location = pointer(after.location, "requestBody");
  if (!was && !now) return;
  if (!now) {
    add(
      "payload.body-removed",
      pointer(before.location, "requestBody"),
      "The webhook no longer sends a body; receivers read one.",
    );
    return;
  }
  if (!was) {
    add("payload.body-added", location, "The webhook now sends a body.");
    return;
  }
  if (was.required === true && now.required !== true)
    add("payload.became-optional", location, "The webhook's body may no longer arrive.");
  if (was.required !== true && now.required === true)
    add("payload.became-required", location, "The webhook's body now always arrives.");
  const oldMedia = byMediaType(isObject(was.content) ? was.content : {});
  const newMedia = byMediaType(isObject(now.content) ? now.content : {});
  for (const [key, { type }] of oldMedia) {
    if (!newMedia.has(key))
      add(
        "payload.media-type.removed",
        pointer(before.location, "requestBody", "content", type),
        `The webhook no longer sends ${type}.`,
      );
  }
  for (const [key, { type, media }] of newMedia) {
    const here = pointer(location, "content", type);
    const old = oldMedia.get(key);
    if (!old) {
      add("payload.media-type.added", here, `The webhook may now send ${type}; receivers may not read it.`);
      continue;
    }
    compareBodySchemas(old.media.schema ?? {}, media.schema ?? {}, pointer(here, "schema"), {
      direction: "response",
      operation: before.label,
      sink: payload,
    });
  }
}
