/**
 * How deep a document nests, `$ref`s followed, measured with a loop before anything recursive reads
 * it. The $ref resolver and the rules walk a document recursively; a document nested thousands of
 * levels deep (directly or through a chain of `$ref`s) would overflow their stack with a message that
 * names no place. Past the limit the diff stops with an error that names where the nesting is.
 * Hand-written: no library measures a document's depth through its `$ref`s.
 */
import { isObject, isObjectOrArray } from "../../json.js";
import { escapeToken } from "./pointer.js";

/** Levels of objects and arrays (a schema nested in `properties` is two: `properties`, then the member). */
export const maxNesting = 1500;

/** The target of a local `$ref` (`#/components/schemas/A`), or undefined. */
function localTarget(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const token = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObjectOrArray(node)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

interface Frame {
  node: object;
  /** The pointer token that led here (`$ref` for a jump through one). */
  token: string;
  children: [string, object][];
  next: number;
  deepest: number;
}

function frame(root: unknown, node: object, token: string): Frame {
  const children: [string, object][] = [];
  for (const [key, value] of Object.entries(node)) if (isObjectOrArray(value)) children.push([key, value]);
  const target = isObject(node) && typeof node.$ref === "string" ? localTarget(root, node.$ref) : undefined;
  if (isObjectOrArray(target)) children.push(["$ref", target]);
  return { node, token, children, next: 0, deepest: 0 };
}

/**
 * The place where the document nests deeper than `limit`, as a shortened JSON pointer, or undefined
 * when it does not. Each object is measured once (the longest path below it is remembered), so a
 * shared or recursive schema costs no more than its size; a `$ref` back up the path ends that path.
 */
export function tooDeep(root: unknown, limit = maxNesting): string | undefined {
  if (!isObjectOrArray(root)) return undefined;
  const below = new Map<object, number>();
  const onPath = new Set<object>();
  const path: Frame[] = [frame(root, root, "")];
  onPath.add(root);
  const where = (extra: string) => {
    const tokens = [...path.slice(1).map((f) => f.token), extra].map(escapeToken);
    const shown = tokens.length > 14 ? [...tokens.slice(0, 12), "…", ...tokens.slice(-1)] : tokens;
    return `/${shown.join("/")}`;
  };
  while (path.length > 0) {
    const top = path[path.length - 1]!;
    const child = top.children[top.next++];
    if (child === undefined) {
      path.pop();
      onPath.delete(top.node);
      below.set(top.node, top.deepest);
      const parent = path[path.length - 1];
      if (parent) parent.deepest = Math.max(parent.deepest, top.deepest + 1);
      continue;
    }
    const [token, node] = child;
    if (onPath.has(node)) continue;
    const known = below.get(node);
    if (known !== undefined) {
      if (path.length + known > limit) return where(token);
      top.deepest = Math.max(top.deepest, known + 1);
      continue;
    }
    if (path.length >= limit) return where(token);
    path.push(frame(root, node, token));
    onPath.add(node);
  }
  return undefined;
}
