/**
 * Pairs the `oneOf`/`anyOf` variants of two schemas: the same variant first (wherever it moved),
 * then the most alike (same types, shared members, the same discriminating `const`), so that a
 * variant whose inner schema changed is compared in direction rather than reported removed and added.
 */
import { sameMeaning } from "./canonical.js";
import { type SchemaView, viewOf } from "./schema-view.js";

function typesMeet(a: Set<string> | null, b: Set<string> | null): boolean {
  if (a === null || b === null) return true;
  const numeric = (s: Set<string>) => s.has("number") || s.has("integer");
  return [...a].some((t) => b.has(t)) || (numeric(a) && numeric(b));
}

/** The single value a member is fixed to (`kind: {const: "file"}`), by member name. */
export function fixedMembers(view: SchemaView): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, schema] of view.properties) {
    const values = viewOf(schema).enumValues;
    if (values && values.size === 1) out.set(name, [...values.keys()][0]!);
  }
  return out;
}

/** How alike two variants are; 0 when they cannot be the same variant. */
export function likeness(a: SchemaView, b: SchemaView): number {
  if (!typesMeet(a.types, b.types)) return 0;
  let score = 1;
  const fixedA = fixedMembers(a);
  const fixedB = fixedMembers(b);
  for (const [name, value] of fixedA) {
    const other = fixedB.get(name);
    if (other === undefined) continue;
    if (other !== value) return 0;
    score += 2;
  }
  const names = new Set([...a.properties.keys(), ...b.properties.keys()]);
  if (a.properties.size > 0 && b.properties.size > 0) {
    const shared = [...a.properties.keys()].filter((n) => b.properties.has(n)).length;
    if (shared === 0) return 0;
    score += shared / names.size;
  }
  if (a.enumValues && b.enumValues) {
    const shared = [...a.enumValues.keys()].filter((k) => b.enumValues?.has(k)).length;
    score += shared / new Set([...a.enumValues.keys(), ...b.enumValues.keys()]).size;
  }
  return score;
}

/** Pairs `[old index, new index]`, the unchanged ones first. */
export function matchVariants(was: readonly unknown[], now: readonly unknown[]): [number, number][] {
  const pairs: [number, number][] = [];
  const freeOld = new Set(was.keys());
  const freeNew = new Set(now.keys());
  for (const i of was.keys()) {
    const j = [...freeNew].find((k) => sameMeaning(was[i], now[k]));
    if (j === undefined) continue;
    pairs.push([i, j]);
    freeOld.delete(i);
    freeNew.delete(j);
  }
  const views = (list: readonly unknown[], free: Set<number>) =>
    new Map([...free].map((i) => [i, viewOf(list[i])]));
  const oldViews = views(was, freeOld);
  const newViews = views(now, freeNew);
  const candidates: [number, number, number][] = [];
  for (const [i, a] of oldViews)
    for (const [j, b] of newViews) {
      const score = likeness(a, b) + (i === j ? 0.01 : 0);
      if (score >= 1) candidates.push([score, i, j]);
    }
  candidates.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
  for (const [, i, j] of candidates) {
    if (!freeOld.has(i) || !freeNew.has(j)) continue;
    pairs.push([i, j]);
    freeOld.delete(i);
    freeNew.delete(j);
  }
  return pairs.sort((x, y) => x[1] - y[1]);
}
