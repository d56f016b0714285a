/**
 * The webhooks of an OpenAPI 3.1 document (`webhooks: {name: PathItem}`), and a sink that names a
 * schema change found there by its place in the exchange. A webhook is a request the SERVER sends
 * to the client: its body (the payload) is judged in the response direction (what may arrive must
 * still be understood: widening breaks), and the client's answer (the reply) in the request
 * direction (what the client sends must still be accepted: narrowing breaks).
 */
import { isObject, type JsonObject } from "../json.js";
import { httpMethods } from "./operations.js";
import { pointer } from "./pointer.js";
import type { Change, ChangeSink } from "./types.js";

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
}

export function webhooksOf(doc: JsonObject): Map<string, WebhookEntry> {
  const out = new Map<string, WebhookEntry>();
  const webhooks = isObject(doc.webhooks) ? doc.webhooks : {};
  for (const [name, item] of Object.entries(webhooks)) {
    if (!isObject(item)) continue;
    for (const method of httpMethods) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      out.set(`${name} ${method}`, {
        label: `webhook ${name} ${method.toUpperCase()}`,
        name,
        method,
        location: pointer("", "webhooks", name, method),
        operation,
        itemParameters: Array.isArray(item.parameters) ? item.parameters : [],
      });
    }
  }
  return out;
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
