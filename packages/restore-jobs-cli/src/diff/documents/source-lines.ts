/**
 * The line of a document's text where a JSON pointer sits, for annotations on a pull request's diff
 * (`--format github`). The text (YAML, or JSON, which is YAML) is read as js-yaml's event stream,
 * whose events carry offsets; each pointer is placed at its key (a mapping member) or its start (a
 * sequence item). A pointer into the resolved document that the text does not hold (through a
 * `$ref`, or to something removed) is placed at the nearest pointer above it that it does hold.
 * Hand-written: no YAML library maps JSON pointers to lines.
 */
import { EVENT_ID, type Event, getScalarValue, parseEvents } from "js-yaml";
import { pointer } from "./pointer.js";

interface Frame {
  path: string;
  mapping: boolean;
  /** In a mapping: the key just read, waiting for its value. */
  key: string | undefined;
  index: number;
}

/** Every pointer of the text to the offset where it starts. */
function offsets(text: string): Map<string, number> {
  const out = new Map<string, number>([["", 0]]);
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return out;
  }
  const stack: Frame[] = [];
  /** The pointer of the value that comes next in the top frame, and where it is placed. */
  const next = (start: number): string | undefined => {
    const top = stack[stack.length - 1];
    if (!top) return "";
    if (top.mapping) {
      const key = top.key;
      top.key = undefined;
      return key === undefined ? undefined : pointer(top.path, key);
    }
    const at = pointer(top.path, top.index++);
    if (!out.has(at)) out.set(at, start);
    return at;
  };
  for (const event of events) {
    if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      const path = next(event.start);
      stack.push({
        path: path ?? "\u0000",
        mapping: event.type === EVENT_ID.MAPPING,
        key: undefined,
        index: 0,
      });
    } else if (event.type === EVENT_ID.SCALAR || event.type === EVENT_ID.ALIAS) {
      const top = stack[stack.length - 1];
      const start = event.type === EVENT_ID.SCALAR ? event.valueStart : event.anchorStart;
      if (top?.mapping && top.key === undefined) {
        // A key: the member is placed where its key is written.
        const key = event.type === EVENT_ID.SCALAR ? getScalarValue(text, event) : "";
        top.key = key;
        const at = pointer(top.path, key);
        if (!out.has(at)) out.set(at, start);
      } else next(start);
    } else if (event.type === EVENT_ID.POP) stack.pop();
  }
  return out;
}

/** A function from a pointer to its 1-based line in `text` (the nearest pointer above it the text holds). */
export function lineFinder(text: string): (location: string) => number {
  let known: Map<string, number> | undefined;
  let starts: number[] | undefined;
  return (location) => {
    known ??= offsets(text);
    starts ??= [...text.matchAll(/\n/g)].map((m) => m.index);
    let at = location;
    while (!known.has(at) && at !== "") at = at.slice(0, at.lastIndexOf("/"));
    const offset = known.get(at) ?? 0;
    let line = 1;
    for (const newline of starts) {
      if (newline >= offset) break;
      line++;
    }
    return line;
  };
}
