/**
 * What a `pattern` means, rather than how it is written. A JSON Schema pattern is searched for
 * anywhere in the string (it is not anchored), so `.*`, `^.*$` and no pattern all accept any
 * value the rules care about, and `.+` asks for one character: `minLength: 1` in effect (strictly
 * it asks for one character that is not a line break; the rules take the common reading).
 *
 * Two patterns are compared as languages with refa (regular expressions to finite automata, the
 * engine under eslint-plugin-regexp): the old pattern's strings are a subset of the new one's, or
 * the other way round, or neither. A pattern refa cannot turn into an automaton (lookarounds,
 * backreferences, `^` inside an alternation) is reported as unjudged, with its location.
 */
import { createRequire } from "node:module";
import type * as Refa from "refa";
import type { SchemaView } from "./schema-view.js";

const matchesAnything = new Set(["", ".*", "^.*", ".*$", "^.*$", "^(.*)$", "^(?:.*)$", "[\\s\\S]*", "[^]*"]);
const nonEmpty = new Set([".", ".+", "^.+", ".+$", "^.+$", "^(.+)$", "^(?:.+)$"]);

/** Folds the patterns that say nothing (`.*`) away and `.+` into `minLength: 1`. */
export function normalisePattern(view: SchemaView): void {
  if (view.pattern === undefined) return;
  if (matchesAnything.has(view.pattern)) {
    view.pattern = undefined;
  } else if (nonEmpty.has(view.pattern)) {
    view.pattern = undefined;
    view.bounds.set("minLength", Math.max(view.bounds.get("minLength") ?? 0, 1));
  }
}

/**
 * A length bound the pattern both sides share already implies (`^[A-Z]{3}$` with `maxLength: 10`
 * added or removed) changes no value: it is left out of both sides' comparison.
 */
export function dropImpliedLengths(before: SchemaView, after: SchemaView): void {
  const pattern = before.pattern;
  if (pattern === undefined || pattern !== after.pattern) return;
  for (const [keyword, language] of [
    ["maxLength", (n: number) => `^[\\s\\S]{0,${n}}$`],
    ["minLength", (n: number) => `^[\\s\\S]{${n},}$`],
  ] as const) {
    const was = before.bounds.get(keyword);
    const now = after.bounds.get(keyword);
    if (was === now) continue;
    const implied = (n: number | undefined) => n === undefined || implies(pattern, language(n));
    if (!implied(was) || !implied(now)) continue;
    before.bounds.delete(keyword);
    after.bounds.delete(keyword);
  }
}

/** Whether every string `pattern` accepts is accepted by `bound` (false when either cannot be built). */
function implies(pattern: string, bound: string): boolean {
  const a = automaton(pattern);
  const b = automaton(bound);
  if (!a || !b) return false;
  try {
    return within(a, b);
  } catch {
    return false;
  }
}

type Automaton = Refa.NFA;

// Loaded on first use: most diffs compare no two patterns, and loading refa costs ~150 ms of start-up.
let loaded: typeof Refa | undefined;
const refa = (): typeof Refa => {
  loaded ??= createRequire(import.meta.url)("refa") as typeof Refa;
  return loaded;
};

/** Automata larger than this (`[a-z]{1,5000}`) are not built: the comparison would cost seconds. */
const maxStates = 2000;

const built = new Map<string, Automaton | undefined>();

/** The strings a pattern accepts anywhere in them, as an automaton; undefined when refa cannot build one. */
function automaton(pattern: string): Automaton | undefined {
  if (!built.has(pattern)) built.set(pattern, build(pattern));
  return built.get(pattern);
}

function build(pattern: string): Automaton | undefined {
  const { JS, NFA } = refa();
  const counts = [...pattern.matchAll(/\{(\d+)(?:,(\d*))?\}/g)].flatMap((m) => [m[1], m[2]]).map(Number);
  if (pattern.length > 1000 || counts.some((n) => n > 500)) return undefined;
  for (const flags of ["u", ""]) {
    try {
      const top = JS.Parser.fromLiteral({ source: pattern, flags }).parse();
      // Anchors at the ends of a single alternative are read here; any other assertion makes refa throw.
      let source = pattern;
      let start = "[^]*";
      let end = "[^]*";
      if (top.expression.alternatives.length === 1) {
        if (source.startsWith("^")) {
          source = source.slice(1);
          start = "";
        }
        if (/(^|[^\\])(\\\\)*\$$/.test(source)) {
          source = source.slice(0, -1);
          end = "";
        }
      }
      const { expression, maxCharacter } = JS.Parser.fromLiteral({
        source: `${start}(?:${source})${end}`,
        flags,
      }).parse();
      return NFA.fromRegex(
        expression,
        { maxCharacter },
        { assertions: "throw" },
        new NFA.LimitedNodeFactory(maxStates),
      );
    } catch {
      // Not valid with this flag, or an assertion refa does not build: try the next, then give up.
    }
  }
  return undefined;
}

/** Whether every string `a` accepts is accepted by `b`. */
function within(a: Automaton, b: Automaton): boolean {
  const { DFA, isDisjointWith } = refa();
  const outside = DFA.fromFA(b, new DFA.LimitedNodeFactory(maxStates));
  outside.complement();
  return isDisjointWith(a, outside, maxStates * 10);
}

export type PatternRelation = "equal" | "narrowed" | "widened" | "changed" | "unknown";

/** How the new pattern relates to the old: `narrowed` accepts fewer strings, `changed` some of each. */
export function relatePatterns(was: string, now: string): PatternRelation {
  const before = automaton(was);
  const after = automaton(now);
  if (!before || !after) return "unknown";
  try {
    const kept = within(before, after);
    const nothingNew = within(after, before);
    if (kept && nothingNew) return "equal";
    if (kept) return "widened";
    if (nothingNew) return "narrowed";
    return "changed";
  } catch {
    // An automaton too large to build (refa limits its size): say so rather than guess.
    return "unknown";
  }
}

const universal = new Map<string, boolean>();

/** Whether a pattern accepts every string: `^[\s\S]*$` as much as `.*`. */
export function acceptsEverything(pattern: string): boolean {
  if (!universal.has(pattern)) universal.set(pattern, isUniversal(pattern));
  return universal.get(pattern) === true;
}

function isUniversal(pattern: string): boolean {
  const { DFA } = refa();
  const fa = automaton(pattern);
  if (!fa) return false;
  try {
    const dfa = DFA.fromFA(fa, new DFA.LimitedNodeFactory(maxStates));
    dfa.complement();
    return dfa.isEmpty;
  } catch {
    return false;
  }
}

/** Why a pattern has no automaton, in words: what in it refa cannot read. */
function whyNot(pattern: string): string {
  const counts = [...pattern.matchAll(/\{(\d+)(?:,(\d*))?\}/g)].flatMap((m) => [m[1], m[2]]).map(Number);
  if (pattern.length > 1000) return "is longer than 1,000 characters";
  if (counts.some((n) => n > 500)) return "repeats more than 500 times";
  const found = new Set<string>();
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const next = pattern[++i] ?? "";
      if (!inClass && /[bB]/.test(next)) found.add("a word boundary (`\\b`)");
      if (!inClass && (/[1-9]/.test(next) || next === "k")) found.add("a backreference");
    } else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (pattern.startsWith("(?=", i) || pattern.startsWith("(?!", i)) found.add("a lookahead");
    else if (pattern.startsWith("(?<=", i) || pattern.startsWith("(?<!", i)) found.add("a lookbehind");
    else if (
      (c === "^" && i > 0) ||
      (c === "$" && i < pattern.length - 1) ||
      (/[$^]/.test(c ?? "") && pattern.includes("|"))
    )
      found.add("an anchor (`^`, `$`) inside it");
  }
  if (found.size > 0) return `has ${[...found].join(" and ")}, which the comparison cannot read`;
  try {
    new RegExp(pattern, "u");
  } catch {
    try {
      new RegExp(pattern);
    } catch {
      return "is not a regular expression the comparison reads";
    }
  }
  return `needs an automaton of more than ${maxStates.toLocaleString("en-US")} states`;
}

/** Why two patterns could not be compared: what each one that has no automaton holds, or their size. */
export function whyUnrelated(was: string, now: string): string {
  const reasons = [
    ["the old pattern", was],
    ["the new pattern", now],
  ]
    .filter(([, p]) => automaton(p!) === undefined)
    .map(([which, p]) => `${which} ${whyNot(p!)}`);
  return reasons.length > 0
    ? reasons.join("; ")
    : `comparing them needs automata of more than ${maxStates.toLocaleString("en-US")} states`;
}
