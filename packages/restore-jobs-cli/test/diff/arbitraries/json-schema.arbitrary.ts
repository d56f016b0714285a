/** JSON Schemas of the kinds the diff reads: strings with patterns and lengths, enums, numbers, arrays, objects and maps. */
import fc from "fast-check";

export type Schema = Record<string, unknown>;

const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,8}$/);

const stringSchema: fc.Arbitrary<Schema> = fc.record(
  {
    type: fc.constant("string"),
    pattern: fc.constantFrom("^[a-z]+$", "^arn:aws:.+$", "^[0-9]{12}$"),
    minLength: fc.nat(4),
    maxLength: fc.integer({ min: 5, max: 256 }),
    format: fc.constantFrom("date-time", "uuid"),
    enum: fc.uniqueArray(name, { minLength: 1, maxLength: 5 }),
    description: fc.lorem({ maxCount: 5 }),
  },
  { requiredKeys: ["type"] },
);

const numberSchema: fc.Arbitrary<Schema> = fc.record(
  {
    type: fc.constantFrom("integer", "number", ["integer", "null"]),
    minimum: fc.integer({ max: 0 }),
    maximum: fc.nat(),
  },
  { requiredKeys: ["type"] },
);

const leaf = fc.oneof(
  stringSchema,
  numberSchema,
  fc.constant({ type: "boolean" }),
  fc.constant({ type: "boolean", const: true }),
);

/** A schema up to a few levels deep. */
export const jsonSchemaArbitrary: fc.Arbitrary<Schema> = fc.letrec<{ schema: Schema }>((tie) => ({
  schema: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record(
      { type: fc.constant("array"), items: tie("schema"), maxItems: fc.nat(10) },
      { requiredKeys: ["type", "items"] },
    ),
    fc.dictionary(name, tie("schema"), { minKeys: 1, maxKeys: 4 }).chain((properties) =>
      fc.record(
        {
          type: fc.constant("object"),
          properties: fc.constant(properties),
          required: fc.subarray(Object.keys(properties)),
          additionalProperties: fc.oneof(fc.boolean(), stringSchema),
        },
        { requiredKeys: ["type", "properties"] },
      ),
    ),
  ),
})).schema;
