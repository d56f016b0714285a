/**
 * The sunset an API promises for what it deprecates: `deprecated: true` with an `x-sunset` date (an
 * ISO 8601 date, as the Sunset header, RFC 8594, carries it). Removed before that date, what clients
 * were promised until then breaks; removed after it, they were warned.
 */
import { isObject } from "../../json.js";
import type { Level } from "../types.js";

/** The level and the words of removing a deprecated thing, or undefined when it declares no sunset. */
export function removalBySunset(
  removed: unknown,
  today = new Date(),
): { level: Level; words: string } | undefined {
  if (!isObject(removed) || removed.deprecated !== true) return undefined;
  const sunset = removed["x-sunset"];
  const date = typeof sunset === "string" || sunset instanceof Date ? new Date(sunset) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) return undefined;
  const day = date.toISOString().slice(0, 10);
  return date.getTime() > today.getTime()
    ? { level: "breaking", words: ` before its sunset date (${day}); clients were promised it until then` }
    : { level: "warning", words: ` after its sunset date (${day}), as announced` };
}
