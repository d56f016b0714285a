/**
 * The schema rules recurse. The document's own nesting is bounded before the diff
 * (document-depth.ts), but a schema that recurses through `allOf` can make a new pair of schemas
 * at every level, which the rules' cycle check (the same pair met again) never sees. Should the
 * stack run out, the body is reported as not judged past where the rules got, not crashed on.
 */

import { rule } from "../rules/rules.js";
import type { SchemaContext } from "./schema-context.js";

export function withinStack(ctx: SchemaContext, location: string, compare: () => void): void {
  try {
    compare();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    ctx.sink.add({
      ...rule("schema.depth-unjudged"),
      operation: ctx.operation,
      location,
      message: `The ${ctx.direction} schema here recurses too deep to compare (a schema recursing through allOf, or nested thousands of levels); it is judged only as far as the rules got.`,
    });
  }
}
