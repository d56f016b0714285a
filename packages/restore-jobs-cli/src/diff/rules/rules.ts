/**
 * The registry of change ids: every id `restore-jobs diff` reports has one entry here, with its
 * level (by direction, for the schema rules a request and a response both have), its area and its
 * catalogue text, as oasdiff's `checker/rules.go` keeps its rules. Rules name their entry (`rule`)
 * instead of composing an id and deciding its level; docs/diff.md's tables are tested against this
 * registry both ways (test/diff/rules.test.ts); `--ignore` checks its ids here and `--format github`
 * takes its titles from here.
 *
 * A webhook's payload is judged as a response and its reply as a request, so `webhook.payload.X`
 * and `webhook.reply.X` are `response.X` and `request.X` unless listed themselves; a callback's
 * `callback.X` is `webhook.X` (docs/diff.md, "Webhooks").
 */
import type { Level } from "../types.js";

export type Direction = "request" | "response";

/** Where a change sits. */
export type Area =
  | "operation"
  | "server"
  | "security"
  | "parameter"
  | "body"
  | "media-type"
  | "status"
  | "header"
  | "schema"
  | "documentation"
  | "webhook"
  | "callback"
  | "ignore";

/** One level, or the levels a rule chooses between by what it finds (a sunset date, a parsed format). */
export type Levels = Level | readonly [Level, Level, ...Level[]];

export interface Rule {
  area: Area;
  level: Levels;
  /** The catalogue's "when" (docs/diff.md); empty where the id says it all. */
  text: string;
}

interface DirectionalRule {
  area: Area;
  level: { request: Levels; response: Levels };
  text: { request: string; response: string };
}

/**
 * A JSON Schema 2020-12 keyword's three ids, alike for every such keyword: `narrowed` breaks a
 * request, `widened` a response, `changed` both (docs/diff.md, "JSON Schema 2020-12 keywords").
 */
function judgedKeyword<G extends string>(group: G, text: string) {
  const rule = (request: Level, response: Level, requestText: string): DirectionalRule => ({
    area: "schema",
    level: { request, response },
    text: { request: requestText, response: "" },
  });
  return {
    [`${group}.narrowed`]: rule("breaking", "info", text),
    [`${group}.widened`]: rule("info", "breaking", ""),
    [`${group}.changed`]: rule(
      "breaking",
      "breaking",
      "some old values are refused and some new ones accepted",
    ),
  } as Record<`${G}.${"narrowed" | "widened" | "changed"}`, DirectionalRule>;
}

/**
 * A bound keyword's ids that read as `max-length`'s or `min-length`'s (one end of a range: an upper
 * end lowered or added narrows, a lower end raised or added narrows), with their catalogue text.
 */
function asLengthBound<K extends string, H extends "lowered" | "raised" | "added" | "removed">(
  keyword: K,
  end: "max" | "min",
  hows: readonly H[],
) {
  const narrows = end === "max" ? ["lowered", "added"] : ["raised", "added"];
  return Object.fromEntries(
    hows.map((how): [string, DirectionalRule] => [
      `${keyword}.${how}`,
      {
        area: "schema",
        level: narrows.includes(how)
          ? { request: "breaking", response: "info" }
          : { request: "info", response: "breaking" },
        text: {
          request: `as \`request.${end}-length.${how}\``,
          response: `as \`response.${end}-length.${how}\``,
        },
      },
    ]),
  ) as Record<`${K}.${H}`, DirectionalRule>;
}

const fixed = {
  "operation.removed": {
    area: "operation",
    level: ["breaking", "warning"],
    text: "an operation is gone; a warning when it was `deprecated` with an `x-sunset` date (ISO 8601, as the Sunset header carries it) already past, breaking before that date",
  },
  "operation.method-changed": {
    area: "operation",
    level: "breaking",
    text: "the only operation gone from a path reappears there under another method",
  },
  "operation.added": { area: "operation", level: "info", text: "a new operation" },
  "operation.deprecated": {
    area: "operation",
    level: "warning",
    text: "the operation became `deprecated: true`",
  },
  "operation.id-changed": {
    area: "operation",
    level: "info",
    text: "`operationId` changed (generated method names may change)",
  },
  "operation.changed-unclassified": {
    area: "operation",
    level: "warning",
    text: "a part of the operation (a parameter, the request body, a response, a header, a media type, a link, ...) means something else and no rule reported anything in that part: review by hand. One per such part, at its first difference, naming its key, also when other rules fired elsewhere in the operation (or in another part of the same response). Schemas never fall to it: a schema keyword no rule judges is `<direction>.keyword.unjudged`",
  },
  "operation.server.removed": {
    area: "server",
    level: "breaking",
    text: 'the operation is no longer served at a URL it was served at (see "Servers" below): another host, another base path (`/v1` → `/v2`), a server variable\'s value dropped. Clients with a built-in URL break',
  },
  "operation.server.added": {
    area: "server",
    level: "info",
    text: "the operation is served at a URL it was not",
  },
  "ignore.entry-unmatched": {
    area: "ignore",
    level: "warning",
    text: "an `--ignore` entry matches no change: remove or correct it",
  },
  "security.requirement-added": {
    area: "security",
    level: "breaking",
    text: "a client meeting an old security alternative meets no new one (auth added to a public operation, a second scheme required, ...)",
  },
  "security.requirement-relaxed": {
    area: "security",
    level: "info",
    text: "the security alternatives changed, every old one still suffices",
  },
  "security.scheme-changed": {
    area: "security",
    level: "breaking",
    text: "the definition of a security scheme the operation uses changed",
  },
  "security.scheme-documented": {
    area: "security",
    level: "info",
    text: "a security scheme the operation uses changed in nothing a request carries: a `bearerFormat` (a hint), an OAuth scope declared that the operation does not require. A scope it requires gone, a URL, a type or a header name changed is `security.scheme-changed`",
  },
  "request.parameter.added-required": {
    area: "parameter",
    level: "breaking",
    text: "a new required parameter",
  },
  "request.parameter.added-optional": { area: "parameter", level: "info", text: "a new optional parameter" },
  "request.parameter.removed": {
    area: "parameter",
    level: ["warning", "breaking"],
    text: "a parameter is gone; breaking when it was `deprecated` with an `x-sunset` date still ahead (clients were promised it until then)",
  },
  "request.parameter.became-required": { area: "parameter", level: "breaking", text: "" },
  "request.parameter.became-optional": { area: "parameter", level: "info", text: "" },
  "request.parameter.type-changed": {
    area: "parameter",
    level: "breaking",
    text: "a parameter accepts fewer types; its other schema changes carry the schema ids below (`request.enum.value-removed`, ...) at `.../parameters/<i>/schema`",
  },
  "response.parameter.type-changed": {
    area: "webhook",
    level: "breaking",
    text: "a webhook payload's parameter may arrive with a type receivers do not read: reported as `webhook.payload.parameter.type-changed`",
  },
  "response.parameter.type-narrowed": {
    area: "webhook",
    level: "info",
    text: "reported as `webhook.payload.parameter.type-narrowed`",
  },
  "request.parameter.type-widened": {
    area: "parameter",
    level: "info",
    text: "a parameter accepts more types; an `integer`, `number` or `boolean` parameter that became a `string` too (a parameter is text on the wire: `?limit=5` still reads)",
  },
  "request.parameter.renamed": {
    area: "parameter",
    level: "info",
    text: "a path parameter renamed at the same place of the URL template (`/jobs/{id}` → `/jobs/{jobId}`): the same parameter, its schema judged as usual; requests are the same bytes (the generated types name it, see the compiler)",
  },
  "request.parameter.became-array": {
    area: "parameter",
    level: ["info", "warning"],
    text: "a scalar became an array whose one-item form is the old wire form (`?x=1` with `form`): old requests still read. Warning where an old value may hold the delimiter (a string in `simple` or non-exploded `form`: `a,b` reads as two items)",
  },
  "request.parameter.wire-changed": {
    area: "parameter",
    level: "breaking",
    text: "`style`/`explode` changed so an old request no longer reads (`?x=1&x=2` → `?x=1,2`; a scalar became an array whose one-item form differs: `label`, `matrix`)",
  },
  "request.parameter.style-changed": {
    area: "parameter",
    level: "info",
    text: "`style`/`explode` changed but the value goes on the wire the same way (`explode` on a scalar)",
  },
  "request.parameter.default-changed": {
    area: "parameter",
    level: "breaking",
    text: "the `default` of a parameter changed: clients that leave it out get other behaviour",
  },
  "request.parameter.default-added": {
    area: "parameter",
    level: "info",
    text: "a parameter now declares a `default`",
  },
  "request.parameter.default-removed": {
    area: "parameter",
    level: "warning",
    text: "a parameter no longer declares its `default`: what the server assumes when it is left out is no longer promised",
  },
  "request.body.added-required": {
    area: "body",
    level: "breaking",
    text: "a required request body where there was none",
  },
  "request.body.added-optional": { area: "body", level: "info", text: "" },
  "request.body.removed": {
    area: "body",
    level: "breaking",
    text: "the operation had a request body and has none: clients still send one, which it no longer reads",
  },
  "request.body.became-required": { area: "body", level: "breaking", text: "" },
  "request.body.became-optional": { area: "body", level: "info", text: "" },
  "request.media-type.removed": {
    area: "media-type",
    level: "breaking",
    text: "the request may no longer come as this media type",
  },
  "request.media-type.added": { area: "media-type", level: "info", text: "" },
  "request.media-type.widened": {
    area: "media-type",
    level: "info",
    text: "a request media type is gone but a media range of the new document covers it (`image/png` → `image/*`): old senders are still accepted; the old type's schema is compared with the range's",
  },
  "request.encoding.content-type-narrowed": {
    area: "media-type",
    level: "breaking",
    text: "a multipart or form part no longer accepts a content type it accepted (`image/png, image/jpeg` → `image/png`); a part's content types are its `contentType` list (media ranges cover their types) or OpenAPI's default for its schema",
  },
  "request.encoding.content-type-widened": {
    area: "media-type",
    level: "info",
    text: "a part accepts more content types",
  },
  "request.encoding.serialization-changed": {
    area: "media-type",
    level: "breaking",
    text: "a part's `style`, `explode` or `allowReserved` changed: it is written differently on the wire",
  },
  "request.body.type-widened": { area: "schema", level: "info", text: "" },
  "request.property.removed": {
    area: "schema",
    level: "warning",
    text: "a request member is gone (clients that send it may be ignored, or rejected where `additionalProperties: false`)",
  },
  "request.property.type-widened": {
    area: "schema",
    level: "info",
    text: "`integer` → `number`, `string` → `[string, null]`",
  },
  "request.map.keys-changed": {
    area: "schema",
    level: "warning",
    text: "`propertyNames` changed in a way that only warns (a `format`, a constraint the rules do not take apart)",
  },
  "request.map.values-changed": {
    area: "schema",
    level: "warning",
    text: "the worst change inside only warns (a `format` added, a constraint changed): neither a narrowing the rules can prove nor a widening",
  },
  "request.property.read-only-added": {
    area: "schema",
    level: "info",
    text: "a `readOnly` member added (required or not): clients do not send it",
  },
  "request.property.read-only-removed": {
    area: "schema",
    level: "info",
    text: "a `readOnly` member removed",
  },
  "request.property.became-read-only": {
    area: "schema",
    level: "warning",
    text: "a request member became `readOnly`: clients that send it may be rejected or ignored",
  },
  "request.property.no-longer-read-only": {
    area: "schema",
    level: ["breaking", "info"],
    text: "a `readOnly` member is sent now: breaking when it is required (old clients never sent it), else info",
  },
  "response.success-status.removed": {
    area: "status",
    level: "breaking",
    text: "a 2xx status is gone and no other 2xx took its place",
  },
  "response.success-status.changed": {
    area: "status",
    level: "breaking",
    text: "a 2xx status is gone and a new 2xx appeared (`200` → `201`)",
  },
  "response.success-status.added": {
    area: "status",
    level: "warning",
    text: "another 2xx status a client may not expect",
  },
  "response.success-status.widened": {
    area: "status",
    level: "warning",
    text: "a success status is now documented by its range (`200` → `2XX`): the same body still comes, but the server may answer another status of the range",
  },
  "response.error-status.widened": {
    area: "status",
    level: "info",
    text: "an error status documented by its range (`404` → `4XX`)",
  },
  "response.error-status.added": { area: "status", level: "info", text: "a new error response" },
  "response.error-status.removed": {
    area: "status",
    level: "info",
    text: "an error response is no longer documented",
  },
  "response.media-type.removed": {
    area: "media-type",
    level: "breaking",
    text: "the response no longer comes as this media type",
  },
  "response.media-type.added": { area: "media-type", level: "info", text: "" },
  "response.header.removed": {
    area: "header",
    level: "breaking",
    text: "a documented response header is gone: clients that read it break (`Content-Type` is read from `content`, as OpenAPI says)",
  },
  "response.header.became-optional": {
    area: "header",
    level: "breaking",
    text: "a response header that was `required` may no longer arrive",
  },
  "response.header.added": { area: "header", level: "info", text: "" },
  "response.header.became-required": { area: "header", level: "info", text: "" },
  "response.header.type-changed": {
    area: "header",
    level: "breaking",
    text: "a response header's schema changed its type; every schema id of a response applies to a header's schema, with `header` for `body` at its root",
  },
  "response.header.type-narrowed": { area: "header", level: "info", text: "" },
  "response.encoding.content-type-widened": {
    area: "media-type",
    level: "breaking",
    text: "a multipart part of a response may come as a content type old clients do not read",
  },
  "response.encoding.content-type-narrowed": { area: "media-type", level: "info", text: "" },
  "response.encoding.serialization-changed": {
    area: "media-type",
    level: "breaking",
    text: "as `request.encoding.serialization-changed`",
  },
  "response.envelope.renamed": {
    area: "schema",
    level: "breaking",
    text: "a required member of a 2xx body renamed, same schema (`data` → `result`)",
  },
  "response.property.renamed": {
    area: "schema",
    level: "breaking",
    text: "the same, deeper in a response body",
  },
  "response.property.removed-required": { area: "schema", level: "breaking", text: "" },
  "response.property.removed-optional": {
    area: "schema",
    level: "info",
    text: "clients already cope with its absence",
  },
  "response.property.type-narrowed": { area: "schema", level: "info", text: "" },
  "response.body.type-narrowed": { area: "schema", level: "info", text: "" },
  "response.property.write-only-added": {
    area: "schema",
    level: "info",
    text: "a `writeOnly` member added: it never arrives",
  },
  "response.property.write-only-removed": {
    area: "schema",
    level: "info",
    text: "a `writeOnly` member removed, required or not: it never arrived",
  },
  "response.property.became-write-only": {
    area: "schema",
    level: ["breaking", "info"],
    text: "a response member became `writeOnly`: it no longer arrives; breaking when it was required",
  },
  "response.property.no-longer-write-only": {
    area: "schema",
    level: "info",
    text: "a `writeOnly` member may arrive now",
  },
  "doc.info.version-changed": { area: "documentation", level: "info", text: "`info.version`" },
  "doc.info.changed": { area: "documentation", level: "info", text: "the rest of `info`" },
  "doc.servers.changed": { area: "documentation", level: "info", text: "" },
  "doc.tags.changed": { area: "documentation", level: "info", text: "" },
  "doc.description.changed": {
    area: "documentation",
    level: "info",
    text: "added, removed or changed anywhere under `paths` or `components`",
  },
  "doc.summary.changed": { area: "documentation", level: "info", text: "" },
  "doc.title.changed": { area: "documentation", level: "info", text: "" },
  "doc.example.changed": { area: "documentation", level: "info", text: "`example` or `examples`" },
  "doc.extension.changed": { area: "documentation", level: "info", text: "an `x-` key" },
  "doc.annotation.changed": {
    area: "documentation",
    level: "info",
    text: "`externalDocs`, `$comment`, `$id`, `$schema`, `$anchor`",
  },
  "schema.dynamic-ref-unjudged": {
    area: "schema",
    level: "warning",
    text: "a `$dynamicRef` the rules cannot follow (its `$dynamicAnchor` missing or not unique, so the dynamic scope decides) in a document that changed: what it points to is not judged. One with a unique anchor is read as a `$ref` to it",
  },
  "schema.depth-unjudged": {
    area: "schema",
    level: "warning",
    text: "a body schema recursing too deep to compare (through `allOf`, making new schemas at each level): judged only as far as the rules got",
  },
  "webhook.removed": {
    area: "webhook",
    level: "breaking",
    text: "a webhook (name and method) is gone: clients that rely on it are no longer called",
  },
  "webhook.added": { area: "webhook", level: "info", text: "a new webhook" },
  "webhook.method-changed": {
    area: "webhook",
    level: "breaking",
    text: "the only method of a webhook gone and another there: receivers listen for the old one",
  },
  "webhook.changed-unclassified": {
    area: "webhook",
    level: "warning",
    text: "the webhook changed but no rule below found anything in it (reply headers, links, `security`, `callbacks`, `deprecated`, a keyword no rule reads): review by hand",
  },
  "webhook.payload.body-removed": {
    area: "webhook",
    level: "breaking",
    text: "the webhook no longer sends a body",
  },
  "webhook.payload.body-added": { area: "webhook", level: "info", text: "" },
  "webhook.payload.became-optional": {
    area: "webhook",
    level: "breaking",
    text: "the body may no longer arrive",
  },
  "webhook.payload.became-required": { area: "webhook", level: "info", text: "" },
  "webhook.payload.media-type.added": {
    area: "webhook",
    level: "warning",
    text: "the server may send a media type receivers do not read (no `Accept` to negotiate it)",
  },
  "webhook.payload.media-type.removed": { area: "webhook", level: "info", text: "" },
  "webhook.parameter.removed": {
    area: "webhook",
    level: ["breaking", "info"],
    text: "a parameter (header, ...) the server sent is gone: breaking when it was required",
  },
  "webhook.parameter.added": { area: "webhook", level: "info", text: "" },
  "webhook.parameter.became-optional": { area: "webhook", level: "breaking", text: "" },
  "webhook.parameter.became-required": { area: "webhook", level: "info", text: "" },
  "webhook.payload.parameter.type-changed": {
    area: "webhook",
    level: "breaking",
    text: "as `response.parameter.type-changed`: every schema id of a response, `response.X`, is `webhook.payload.X` in a payload, at the same level",
  },
  "webhook.payload.property.type-changed": {
    area: "webhook",
    level: "breaking",
    text: "as `response.property.type-changed`",
  },
  "webhook.payload.property.became-optional": {
    area: "webhook",
    level: "breaking",
    text: "as `response.property.became-optional`",
  },
  "webhook.payload.property.added-required": {
    area: "webhook",
    level: "info",
    text: "as `response.property.added-required`",
  },
  "webhook.payload.enum.value-added": {
    area: "webhook",
    level: "warning",
    text: "as `response.enum.value-added`",
  },
  "webhook.reply.status-removed": {
    area: "webhook",
    level: "warning",
    text: "the server no longer documents a reply status receivers may answer with",
  },
  "webhook.reply.status-added": { area: "webhook", level: "info", text: "" },
  "webhook.reply.media-type.removed": {
    area: "webhook",
    level: "breaking",
    text: "a reply may no longer come as this media type",
  },
  "webhook.reply.media-type.added": { area: "webhook", level: "info", text: "" },
  "webhook.reply.property.became-required": {
    area: "webhook",
    level: "breaking",
    text: "as `request.property.became-required`: every schema id of a request, `request.X`, is `webhook.reply.X` in a reply, at the same level",
  },
  "webhook.reply.property.type-widened": {
    area: "webhook",
    level: "info",
    text: "as `request.property.type-widened`",
  },
  "callback.removed": {
    area: "callback",
    level: "breaking",
    text: 'a callback of an operation (name, expression and method) is gone: receivers are no longer called. Every `webhook.X` id is `callback.X` for a callback, at the same level (see "Callbacks" below)',
  },
  "callback.added": { area: "callback", level: "info", text: "" },
  "callback.payload.property.removed-required": {
    area: "callback",
    level: "breaking",
    text: "as `response.property.removed-required`, in a callback's payload",
  },
  "callback.changed-unclassified": {
    area: "callback",
    level: "warning",
    text: "as `webhook.changed-unclassified`",
  },
} as const satisfies Record<string, Rule>;

const byDirection = {
  "discriminator.property-changed": {
    area: "schema",
    level: { request: "breaking", response: "breaking" },
    text: {
      request: "the member a `discriminator` names changed: senders name their variant by the old one",
      response: "clients dispatch on the old member",
    },
  },
  "discriminator.mapping-removed": {
    area: "schema",
    level: { request: "breaking", response: "info" },
    text: { request: "a discriminator value no longer maps to a variant", response: "" },
  },
  "discriminator.mapping-changed": {
    area: "schema",
    level: { request: "breaking", response: "breaking" },
    text: { request: "a discriminator value maps to another variant", response: "" },
  },
  "discriminator.mapping-added": {
    area: "schema",
    level: { request: "info", response: "warning" },
    text: { request: "", response: "a new variant value: like a new enum value, clients should tolerate it" },
  },
  "discriminator.added": {
    area: "schema",
    level: { request: "warning", response: "info" },
    text: {
      request:
        "a discriminator added: values must now carry its member to pick their variant (the variants still decide what is valid)",
      response: "",
    },
  },
  "discriminator.removed": {
    area: "schema",
    level: { request: "info", response: "breaking" },
    text: { request: "", response: "clients that dispatch on it cannot" },
  },
  "body.type-changed": {
    area: "schema",
    level: { request: "breaking", response: "breaking" },
    text: { request: "the body accepts fewer types", response: "" },
  },
  "property.added-required": {
    area: "schema",
    level: { request: "breaking", response: "info" },
    text: { request: "a new required request member", response: "" },
  },
  "property.added-optional": {
    area: "schema",
    level: { request: "info", response: "info" },
    text: { request: "a new optional request member", response: "" },
  },
  "property.became-required": {
    area: "schema",
    level: { request: "breaking", response: "info" },
    text: { request: "", response: "" },
  },
  "property.became-optional": {
    area: "schema",
    level: { request: "info", response: "breaking" },
    text: { request: "", response: "" },
  },
  "property.refused": {
    area: "schema",
    level: { request: "breaking", response: "info" },
    text: {
      request:
        "a member still declared is refused by a closed `allOf` part (`additionalProperties: false` in a part that does not declare it): no value may carry it, so senders of it are rejected",
      response: "as `request.property.refused`: the member can no longer arrive",
    },
  },
  "property.type-changed": {
    area: "schema",
    level: { request: "breaking", response: "breaking" },
    text: {
      request: "a request member (or array item) accepts fewer types: `string` → `integer`",
      response: "a response member may arrive with a type old code does not expect",
    },
  },
  "enum.value-removed": {
    area: "schema",
    level: { request: "breaking", response: "info" },
    text: { request: "", response: "" },
  },
  "enum.value-added": {
    area: "schema",
    level: { request: "info", response: "warning" },
    text: {
      request: "",
      response: "warn, since clients should tolerate unknown values (the compiler disagrees; see below)",
    },
  },
  "enum.added": {
    area: "schema",
    level: { request: "breaking", response: "info" },
    text: { request: "an `enum`/`const` where any value was accepted", response: "" },
  },
  "enum.removed": {
    area: "schema",
    level: { request: "info", response: "warning" },
    text: { request: "", response: "any value may arrive now" },
  },
  "pattern.added": {
    area: "schema",
    level: { request: "breaking", response: "info" },
    text: { request: "", response: "" },
  },
  "pattern.changed": {
    area: "schema",
    level: { request: "breaking", response: "breaking" },
    text: {
      request:
        "the new pattern accepts some strings the old refused and refuses some it accepted (patterns are compared as the sets of strings they match, see below)",
      response: "some of each (see `request.pattern.changed`)",
    },
  },
  "pattern.narrowed": {
    area: "schema",
    level: { request: "breaking", response: "info" },
    text: { request: "the new pattern accepts only strings the old accepted, and fewer", response: "" },
  },
  "pattern.widened": {
    area: "schema",
    level: { request: "info", response: "breaking" },
    text: {
      request: "the new pattern accepts every string the old accepted, and more",
      response: "strings the old pattern refused may arrive",
    },
  },
  "pattern.unjudged": {
    area: "schema",
    level: { request: "warning", response: "warning" },
    text: {
      request:
        "the patterns could not be compared (lookarounds, backreferences, `^` inside an alternation); located at `.../pattern`",
      response: "as `request.pattern.unjudged`",
    },
  },
  "pattern.removed": {
    area: "schema",
    level: { request: "info", response: "breaking" },
    text: { request: "", response: "" },
  },
  "format.added": {
    area: "schema",
    level: { request: "warning", response: "info" },
    text: { request: "a format added to a request value: formats only annotate by default", response: "" },
  },
  "format.changed": {
    area: "schema",
    level: { request: ["breaking", "warning"], response: ["breaking", "warning"] },
    text: {
      request:
        "breaking when either format is one code parses into something else (`date-time`, `date`, `time`, `duration`, `byte`, `binary`, `int32`, `int64`, `float`, `double`, `decimal`, `uuid`): a server reading `date` refuses a `date-time`; otherwise a warning (an annotation)",
      response: "as `request.format.changed`: `date-time` → `date` changes what clients parse",
    },
  },
  "format.removed": {
    area: "schema",
    level: { request: "info", response: ["breaking", "warning"] },
    text: {
      request: "",
      response:
        "breaking when the old format is one clients parse (above): the values are no longer promised to parse; otherwise a warning",
    },
  },
  "max-length.lowered": {
    area: "schema",
    level: { request: "breaking", response: "info" },
    text: {
      request:
        "and `.added`; the same four words for `max-items`, `max-properties`, `maximum`, `exclusive-maximum`",
      response:
        "and `.added`; the same four words for `max-items`, `max-properties`, `maximum`, `exclusive-maximum`",
    },
  },
  "max-length.added": {
    area: "schema",
    level: { request: "breaking", response: "info" },
    text: { request: "", response: "" },
  },
  "max-length.raised": {
    area: "schema",
    level: { request: "info", response: "breaking" },
    text: { request: "and `.removed`", response: "and `.removed`: longer values may arrive" },
  },
  "max-length.removed": {
    area: "schema",
    level: { request: "info", response: "breaking" },
    text: { request: "", response: "" },
  },
  "min-length.raised": {
    area: "schema",
    level: { request: "breaking", response: "info" },
    text: {
      request: "and `.added`; the same for `min-items`, `min-properties`, `minimum`, `exclusive-minimum`",
      response: "and `.added`; the same for `min-items`, `min-properties`, `minimum`, `exclusive-minimum`",
    },
  },
  "min-length.added": {
    area: "schema",
    level: { request: "breaking", response: "info" },
    text: { request: "", response: "" },
  },
  "min-length.lowered": {
    area: "schema",
    level: { request: "info", response: "breaking" },
    text: { request: "and `.removed`", response: "and `.removed`: shorter values may arrive" },
  },
  "min-length.removed": {
    area: "schema",
    level: { request: "info", response: "breaking" },
    text: { request: "", response: "" },
  },
  "minimum.lowered": {
    area: "schema",
    level: { request: "info", response: "breaking" },
    text: {
      request:
        "a numeric range's lower end, read as one bound: the tighter of `minimum` and `exclusiveMinimum` (OpenAPI 3.0's boolean `exclusiveMinimum: true` makes `minimum` exclusive), for an integer an inclusive one (`exclusiveMinimum: 0` is `minimum: 1`). Named by the new keyword: `exclusiveMinimum: 0` → `minimum: 0` lets 0 through, `minimum.lowered`; the same words for `exclusive-minimum`, `maximum`, `exclusive-maximum`",
      response:
        "as `response.min-length.lowered`; the same for `min-items`, `min-properties`, `exclusive-minimum`",
    },
  },
  "exclusive-maximum.lowered": {
    area: "schema",
    level: { request: "breaking", response: "info" },
    text: {
      request:
        "`maximum: 10` → `exclusiveMaximum: 10` (or 3.0's `exclusiveMaximum: true` added): 10 is refused",
      response: "as `response.max-length.lowered`",
    },
  },
  "map.keys-narrowed": {
    area: "schema",
    level: { request: "breaking", response: "info" },
    text: { request: "`additionalProperties` became `false`, or `propertyNames` narrowed", response: "" },
  },
  "map.keys-widened": {
    area: "schema",
    level: { request: "info", response: ["info", "breaking", "warning"] },
    text: {
      request: "`propertyNames` widened, or `additionalProperties: false` dropped",
      response:
        "`additionalProperties: false` dropped (info: clients ignore unknown keys), or `propertyNames` widened (the worst change inside: breaking, or a warning)",
    },
  },
  "map.values-narrowed": {
    area: "schema",
    level: { request: "breaking", response: "info" },
    text: {
      request: "the `additionalProperties` schema narrowed (the changes inside are in the message)",
      response: "",
    },
  },
  "map.values-widened": {
    area: "schema",
    level: { request: "info", response: ["breaking", "warning"] },
    text: {
      request: "every change inside widens",
      response: "the worst change inside the `additionalProperties` schema",
    },
  },
  "variant.removed": {
    area: "schema",
    level: { request: "breaking", response: "info" },
    text: {
      request:
        "a `oneOf`/`anyOf` variant is gone. Variants are matched old to new first (the same variant wherever it moved, then the most alike: types, shared members, the same discriminating `const`); a matched variant that changed is compared in direction at `.../oneOf/<new index>`, with the ids of any schema. A plain schema that becomes one variant (`X` → `oneOf: [{type: null}, X]`) is matched to its variant",
      response: "",
    },
  },
  "variant.added": {
    area: "schema",
    level: { request: "info", response: "breaking" },
    text: { request: "", response: "" },
  },
  "variant.overlapping": {
    area: "schema",
    level: { request: "breaking", response: "info" },
    text: {
      request:
        "two `oneOf` variants that could never hold the same value (types, enums, a discriminating `const`, a closed object without a required member) now may: a value matching both fails `oneOf`; also a variant added beside a kept one it may share values with (a schema wrapped into `oneOf: [X, Y]`, `Y` not provably apart from `X`): the values of `X` that `Y` matches are refused",
      response: "as `request.variant.overlapping`: fewer bodies are valid",
    },
  },
  "variant.combinator-changed": {
    area: "schema",
    level: { request: ["breaking", "info"], response: ["warning", "info"] },
    text: {
      request:
        "`anyOf` became `oneOf` (breaking: a value matching two variants is now refused, unless every two are provably apart, then no change) or `oneOf` became `anyOf` (info); the variants are matched across",
      response:
        "`oneOf` became `anyOf` (warning: a value may match several variants) or `anyOf` became `oneOf` (info)",
    },
  },
  "const.changed": {
    area: "schema",
    level: { request: "breaking", response: "breaking" },
    text: {
      request: "a `const` (or one-value `enum`) replaced by another value: old requests send the old one",
      response: "a `const` replaced by another value: the value old code waits for never arrives again",
    },
  },
  "constraint.contained": {
    area: "schema",
    level: { request: "info", response: "info" },
    text: {
      request:
        "the keyword rules found a narrowing, but the old schema is a finite set (an `enum`/`const`) and every value of it still validates against the new schema (ajv, JSON Schema 2020-12): the keywords interacted and nothing breaks. The message lists what changed",
      response:
        "as `request.constraint.contained`, the new schema being the finite set checked against the old",
    },
  },
  "keyword.unjudged": {
    area: "schema",
    level: { request: "warning", response: "warning" },
    text: {
      request:
        "a keyword no rule judges changed (`discriminator`, `xml`, `deprecated`, a body schema's `default`, an `if` condition, two `allOf` parts setting one keyword, ...), named in the message, at `.../<keyword>`",
      response: "as `request.keyword.unjudged`",
    },
  },
  "max-items.raised": {
    area: "schema",
    level: { request: "info", response: "breaking" },
    text: {
      request: "as `request.max-length.raised`",
      response:
        "as `response.max-length.raised`: larger values may arrive; the same for `max-properties`, `maximum`, `exclusive-maximum`",
    },
  },
  ...asLengthBound("maximum", "max", ["raised", "lowered", "added", "removed"]),
  // The JSON Schema 2020-12 keywords, each judged alike (keyword-judgement.ts).
  ...judgedKeyword(
    "not",
    "`not`: its schema compared with the sides swapped (the values _not_ matching it): `not` added narrows, removed widens",
  ),
  ...judgedKeyword(
    "if-then-else",
    "`if`/`then`/`else`: added narrows, removed widens; with the same `if`, `then` and `else` are each compared (at `.../then`, `.../else`); a changed `if` is `keyword.unjudged`",
  ),
  ...judgedKeyword(
    "contains",
    "`contains`, `minContains`, `maxContains`: `contains` added narrows (an array must hold such an item); its schema compared; `minContains` raised or `maxContains` lowered narrows",
  ),
  ...judgedKeyword(
    "dependent-required",
    "`dependentRequired`: per member (`.../dependentRequired/<name>`): more names required narrows, fewer widens",
  ),
  ...judgedKeyword(
    "dependent-schemas",
    "`dependentSchemas`: per member: added narrows, removed widens, changed compared",
  ),
  ...judgedKeyword(
    "pattern-properties",
    "`patternProperties`: per pattern: its schema compared with what governed those members before (`additionalProperties`: a pattern added to a closed object widens)",
  ),
  ...judgedKeyword(
    "prefix-items",
    "`prefixItems`: per position, against the old position or the old `items`",
  ),
  ...judgedKeyword(
    "unevaluated-properties",
    "`unevaluatedProperties`: `false` or a schema compared with what was there (absent = any); ignored where `additionalProperties` leaves nothing unevaluated",
  ),
  ...judgedKeyword(
    "unevaluated-items",
    "`unevaluatedItems`: the same for items; ignored where `items` covers every item",
  ),
  ...judgedKeyword(
    "content",
    "`contentEncoding`, `contentMediaType`, `contentSchema`: added narrows, removed widens, another encoding or media type is `changed`; `contentSchema` compared",
  ),
  ...judgedKeyword(
    "multiple-of",
    "`multipleOf`: multiples of 10 are multiples of 5: 5 → 10 narrows, 10 → 5 widens, 4 → 6 is `changed`",
  ),
  ...judgedKeyword("unique-items", "`uniqueItems`: `true` added narrows, removed widens"),
  ...asLengthBound("max-items", "max", ["lowered", "added", "removed"]),
  ...asLengthBound("max-properties", "max", ["lowered", "added", "raised", "removed"]),
  ...asLengthBound("exclusive-maximum", "max", ["added", "raised", "removed"]),
  ...asLengthBound("min-items", "min", ["raised", "added", "lowered", "removed"]),
  ...asLengthBound("min-properties", "min", ["raised", "added", "lowered", "removed"]),
  ...asLengthBound("minimum", "min", ["raised", "added", "removed"]),
  ...asLengthBound("exclusive-minimum", "min", ["raised", "added", "lowered", "removed"]),
} as const satisfies Record<string, DirectionalRule>;

export type FixedId = keyof typeof fixed;
export type DirectionalId = `${Direction}.${keyof typeof byDirection}`;
/** Every id a rule may report (the derived webhook and callback ids come from these, see above). */
export type RuleId = FixedId | DirectionalId;
/** The ids below a prefix, without it: `After<"request.parameter.">` is `"removed" | "renamed" | ...`. */
export type After<Prefix extends string, Id = RuleId> = Id extends `${Prefix}${infer Rest}` ? Rest : never;
/** What follows the direction in the id of a schema rule (`property.became-required`). */
export type SchemaRuleName = After<"request."> | After<"response.">;

const isFixed = (id: string): id is FixedId => Object.hasOwn(fixed, id);

/** The registry entry of an id as reported, webhook and callback ids included; undefined for an unknown id. */
export function ruleOf(id: string): Rule | undefined {
  if (isFixed(id)) return fixed[id];
  const directional = /^(request|response)\.(.+)$/.exec(id);
  if (directional) {
    const [, direction, rest] = directional as unknown as [string, Direction, string];
    if (!Object.hasOwn(byDirection, rest)) return undefined;
    const entry: DirectionalRule = byDirection[rest as keyof typeof byDirection];
    return { area: entry.area, level: entry.level[direction], text: entry.text[direction] };
  }
  const webhook = /^webhook\.(payload|reply)\.(.+)$/.exec(id);
  if (webhook) {
    const base = ruleOf(`${webhook[1] === "payload" ? "response" : "request"}.${webhook[2]}`);
    return base && { ...base, area: "webhook" };
  }
  const callback = /^callback\.(.+)$/.exec(id);
  if (callback) {
    const base = ruleOf(`webhook.${callback[1]}`);
    return base && { ...base, area: "callback" };
  }
  return undefined;
}

export const levelsOf = (rule: Rule): readonly Level[] =>
  typeof rule.level === "string" ? [rule.level] : rule.level;

/**
 * What a rule reports for `id`: the id and its level, the entry's. Where the entry has more than one
 * level (a sunset date, a format clients parse), the rule's finding chooses among them (`chosen`);
 * where it has one, that one is the level. A miss is a bug in a rule, not in a document.
 */
export function rule(id: RuleId, chosen?: Level): { id: RuleId; level: Level } {
  const allowed = allowedLevels(id);
  const level = allowed.length === 1 ? allowed[0] : chosen;
  if (level === undefined || !allowed.includes(level))
    throw new Error(`diff: ${id} is ${allowed.join(" or ")} in rules.ts; the rule chose ${chosen ?? "none"}`);
  return { id, level };
}

/** `rule` for a schema rule in a direction: `ruleIn("response", "property.became-optional")`. */
export const ruleIn = (direction: Direction, name: SchemaRuleName, chosen?: Level) =>
  rule(`${direction}.${name}` as RuleId, chosen);

/** The levels an id as reported may have (a webhook's or callback's too); throws for an unknown id. */
export function allowedLevels(id: string): readonly Level[] {
  const entry = ruleOf(id);
  if (entry === undefined) throw new Error(`diff: the change id ${id} has no entry in rules.ts`);
  return levelsOf(entry);
}

/** Every fixed id and both directions of every directional one: what docs/diff.md lists. */
export function catalogue(): [string, Rule][] {
  return [
    ...Object.keys(fixed).map((id): [string, Rule] => [id, ruleOf(id) as Rule]),
    ...Object.keys(byDirection).flatMap((rest) =>
      (["request", "response"] as const).map((d): [string, Rule] => [
        `${d}.${rest}`,
        ruleOf(`${d}.${rest}`) as Rule,
      ]),
    ),
  ];
}

/**
 * A workflow command's title: the id and the first clause of its catalogue text, where that clause
 * says what happened (not "as `other.id`" nor "and `.added`", which point elsewhere in the catalogue).
 */
export function titleOf(id: string): string {
  const clause =
    ruleOf(id)
      ?.text.split(/;|:\s|\s\(|\.\s/)[0]
      ?.replace(/`/g, "")
      .trim() ?? "";
  return clause === "" || /^(as|and|some of each)\b/.test(clause) ? id : `${id}: ${clause}`;
}
