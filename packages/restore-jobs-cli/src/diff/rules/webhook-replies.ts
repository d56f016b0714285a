/**
 * The client's reply to a webhook (the webhook's `responses`): what the client sends back, judged
 * as a request is. A reply the client built for the old document must still be accepted.
 */
import { isObject, type JsonObject } from "../../json.js";
import { pointer } from "../documents/pointer.js";
import { compareBodySchemas } from "../schema/compare-schema.js";
import type { ChangeSink } from "../types.js";
import { byMediaType } from "./request-rules.js";
import { rule } from "./rules.js";
import { type WebhookEntry, webhookSink } from "./webhooks.js";

const responsesOf = (entry: WebhookEntry): JsonObject =>
  isObject(entry.operation.responses) ? entry.operation.responses : {};

export function compareWebhookReplies(before: WebhookEntry, after: WebhookEntry, sink: ChangeSink): void {
  const operation = before.label;
  const was = responsesOf(before);
  const now = responsesOf(after);
  const reply = webhookSink("request", sink);
  for (const status of Object.keys(was).sort()) {
    if (status in now) continue;
    sink.add({
      ...rule("webhook.reply.status-removed"),
      operation,
      location: pointer(before.location, "responses", status),
      message: `The server no longer documents a ${status} reply; receivers that answer ${status} may be taken as failing.`,
    });
  }
  for (const status of Object.keys(now).sort()) {
    if (status in was) continue;
    sink.add({
      ...rule("webhook.reply.status-added"),
      operation,
      location: pointer(after.location, "responses", status),
      message: `The server now documents a ${status} reply.`,
    });
  }
  for (const status of Object.keys(was).sort()) {
    const oldReply = was[status];
    const newReply = now[status];
    if (!isObject(oldReply) || !isObject(newReply)) continue;
    const oldMedia = byMediaType(isObject(oldReply.content) ? oldReply.content : {});
    const newMedia = byMediaType(isObject(newReply.content) ? newReply.content : {});
    for (const [key, { type, media }] of oldMedia) {
      const next = newMedia.get(key);
      if (!next) {
        sink.add({
          ...rule("webhook.reply.media-type.removed"),
          operation,
          location: pointer(before.location, "responses", status, "content", type),
          message: `A ${status} reply may no longer come as ${type}; receivers answer so.`,
        });
        continue;
      }
      const location = pointer(after.location, "responses", status, "content", next.type, "schema");
      compareBodySchemas(media.schema ?? {}, next.media.schema ?? {}, location, {
        direction: "request",
        operation,
        sink: reply,
      });
    }
    for (const [key, { type }] of newMedia) {
      if (oldMedia.has(key)) continue;
      sink.add({
        ...rule("webhook.reply.media-type.added"),
        operation,
        location: pointer(after.location, "responses", status, "content", type),
        message: `A ${status} reply may now come as ${type}.`,
      });
    }
  }
}
