/**
 * Which schema keywords the rules read. Every other keyword (documentation aside) is one no rule
 * judges: a change to it is reported as `<direction>.keyword.unjudged`, naming it, never passed over.
 */

/** The bounds the view reads into its own field (compare-values.ts judges them). */
export const boundKeywords = [
  "maxLength",
  "minLength",
  "maximum",
  "minimum",
  "exclusiveMaximum",
  "exclusiveMinimum",
  "maxItems",
  "minItems",
  "maxProperties",
  "minProperties",
] as const;

/** A numeric range's two ends: each an inclusive and an exclusive keyword, and whether it is the upper end. */
export const rangeEnds = [
  ["minimum", "exclusiveMinimum", false],
  ["maximum", "exclusiveMaximum", true],
] as const;

export const rangeKeywords: readonly string[] = rangeEnds.flatMap(([inclusive, exclusive]) => [
  inclusive,
  exclusive,
]);

/** The JSON Schema 2020-12 keywords judged one by one, in direction (compare-keywords.ts). */
export const judgedKeywords = new Set([
  "if",
  "then",
  "else",
  "not",
  "contains",
  "minContains",
  "maxContains",
  "dependentRequired",
  "dependentSchemas",
  "patternProperties",
  "prefixItems",
  "unevaluatedProperties",
  "unevaluatedItems",
  "contentEncoding",
  "contentMediaType",
  "contentSchema",
  "multipleOf",
  "uniqueItems",
  "discriminator",
]);

/** Keywords the view reads into its own fields (types, enum, members, map, bounds, variants, ...). */
export const readKeywords = new Set([
  "type",
  "nullable",
  "enum",
  "const",
  "properties",
  "required",
  "additionalProperties",
  "propertyNames",
  "items",
  ...boundKeywords,
  "pattern",
  "format",
  "oneOf",
  "anyOf",
  "allOf",
  "readOnly",
  "writeOnly",
  // Resolved before the rules run, or only a place for definitions that are read where referenced.
  "$ref",
  "$defs",
  "definitions",
]);

/** Keywords that only constrain values of one JSON type: on a schema whose types exclude it they mean nothing. */
export const keywordsByType: Record<string, readonly string[]> = {
  array: [
    "items",
    "maxItems",
    "minItems",
    "uniqueItems",
    "prefixItems",
    "contains",
    "minContains",
    "maxContains",
    "unevaluatedItems",
  ],
  string: ["maxLength", "minLength", "pattern", "contentEncoding", "contentMediaType", "contentSchema"],
  number: ["maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "multipleOf"],
  object: [
    "properties",
    "required",
    "additionalProperties",
    "propertyNames",
    "patternProperties",
    "dependentRequired",
    "dependentSchemas",
    "unevaluatedProperties",
    "maxProperties",
    "minProperties",
  ],
};

/** Keys whose value maps names (of members, components, statuses, media types, ...) to objects: below them a key is a name, not a keyword. */
export const nameMaps = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "schemas",
  "responses",
  "content",
  "securitySchemes",
  "headers",
  "parameters",
  "requestBodies",
  "pathItems",
  "links",
  "callbacks",
  "paths",
  "webhooks",
  "encoding",
  "variables",
]);
