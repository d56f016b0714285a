/** `--shard i/n`: this machine runs the i-th of n slices (1-based), as vitest's `--shard` does. */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) return undefined;
  return { index, count };
}

/**
 * The runs `[start, end)` of a shard: contiguous slices of `ceil(runs / count)`, the split vitest
 * makes of its test files; the slices of 1/n … n/n cover every run once.
 */
export function shardRange(runs: number, { index, count }: Shard): [number, number] {
  const size = Math.ceil(runs / count);
  return [Math.min(runs, size * (index - 1)), Math.min(runs, size * index)];
}
