/** Medians and number formatting for the tables. */

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** 1234.5 → "1,235"; 12.34 → "12.3"; 0.1234 → "0.123". */
export function num(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(value >= 10 ? 1 : value >= 0.1 ? 2 : 3)}×` : "n/a";
}

/** The spread of samples, for the detail lines: "min–max (n=5)". */
export function spread(samples: readonly number[]): string {
  if (samples.length === 0) return "no samples";
  return `${num(Math.min(...samples))}–${num(Math.max(...samples))} (n=${samples.length})`;
}
