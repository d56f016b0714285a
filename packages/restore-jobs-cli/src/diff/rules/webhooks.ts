/**
 * The webhooks of an OpenAPI 3.1 document (`webhooks: {name: PathItem}`), and a sink that names a
 * schema change found there by its place in the exchange. A webhook is a request the SERVER sends
 * to the client: its body (the payload) is judged in the response direction (what may arrive must
 * still be understood: widening breaks), and the client's answer (the reply) in the request
 * direction (what the client sends must still be accepted: narrowing breaks).
 */
import { isObject, type JsonObject } from "../../json.js";
import { httpMethods } from "../documents/operations.js";
import { pointer } from "../documents/pointer.js";
import type { Change, ChangeSink } from "../types.js";

export interface WebhookEntry {
  /** `webhook jobCompleted POST`, the `operation` of its changes. */
  label: string;
  name: string;
  method: string;
  /** `/webhooks/jobCompleted/post` */
  location: string;
  operation: JsonObject;
  /** Parameters of the webhook's path item, which the operation's own override. */
  itemParameters: unknown[];
  /** `/webhooks/jobCompleted`: where the path item is. */
  itemLocation: string;
}

export function webhooksOf(doc: JsonObject): Map<string, WebhookEntry> {
  const out = new Map<string, WebhookEntry>();
  const webhooks = isObject(doc.webhooks) ? doc.webhooks : {};
  for (const [name, item] of Object.entries(webhooks))
    addPathItem(out, "webhook", name, item, pointer("", "webhooks", name));
  return out;
}

/**
 * The callbacks of an operation (`callbacks: {name: {expression: PathItem}}`): requests the server
 * sends to a URL the client gave, read as webhooks are. Named `<name> <expression>`.
 */
export function callbacksOf(operation: JsonObject, location: string): Map<string, WebhookEntry> {
  const out = new Map<string, WebhookEntry>();
  const callbacks = isObject(operation.callbacks) ? operation.callbacks : {};
  for (const [name, callback] of Object.entries(callbacks)) {
    if (!isObject(callback)) continue;
    for (const [expression, item] of Object.entries(callback))
      addPathItem(
        out,
        "callback",
        `${name} ${expression}`,
        item,
        pointer(location, "callbacks", name, expression),
      );
  }
  return out;
}

function addPathItem(
  out: Map<string, WebhookEntry>,
  kind: string,
  name: string,
  item: unknown,
  itemLocation: string,
): void {
  if (!isObject(item)) return;
  for (const method of httpMethods) {
    const operation = item[method];
    if (!isObject(operation)) continue;
    out.set(`${name} ${method}`, {
      label: `${kind} ${name} ${method.toUpperCase()}`,
      name,
      method,
      location: pointer(itemLocation, method),
      operation,
      itemParameters: Array.isArray(item.parameters) ? item.parameters : [],
      itemLocation,
    });
  }
}

/** The words of the schema rules, by direction, and what they are called in a webhook. */
const renames = {
  response: {
    id: "webhook.payload.",
    words: [
      [/\bResponse member\b/g, "Payload member"],
      [/\bresponse member\b/g, "payload member"],
      [/\bthe response body\b/g, "the webhook payload"],
      [/\bThe response body\b/g, "The webhook payload"],
    ],
  },
  request: {
    id: "webhook.reply.",
    words: [
      [/\bRequest member\b/g, "Reply member"],
      [/\brequest member\b/g, "reply member"],
      [/\bthe request body\b/g, "the webhook reply"],
      [/\bThe request body\b/g, "The webhook reply"],
    ],
  },
} as const;

/**
 * Passes the schema rules' changes on as the webhook's: `response.property.type-changed` in the
 * payload is `webhook.payload.property.type-changed`, at the same level; `request.*` in the reply
 * is `webhook.reply.*`.
 */
export function webhookSink(direction: "request" | "response", sink: ChangeSink): ChangeSink {
  const { id, words } = renames[direction];
  return {
    add(change: Change) {
      const message = words.reduce<string>((text, [from, to]) => text.replace(from, to), change.message);
      sink.add({ ...change, id: change.id.replace(`${direction}.`, id), message });
    },
  };
}

/**
 * Passes a webhook's changes on as those of a callback of `operation`: `webhook.payload.*` is
 * `callback.payload.*`, at the same level, and the change belongs to the operation that registers
 * the callback (its message names the callback).
 */
export function callbackSink(operation: string, sink: ChangeSink): ChangeSink {
  return {
    add(change: Change) {
      const message = change.message.replace(/\bwebhook\b/g, "callback").replace(/\bWebhook\b/g, "Callback");
      sink.add({ ...change, id: change.id.replace(/^webhook\./, "callback."), operation, message });
    },
  };
}
