/** JSON pointers (RFC 6901), built one reference token at a time. */
export function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function pointer(base: string, ...tokens: (string | number)[]): string {
  return tokens.reduce<string>((acc, token) => `${acc}/${escapeToken(String(token))}`, base);
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Whether a JSON pointer is `base` or below it (`/a/b` is under `/a`, `/ab` is not). */
export const isUnder = (location: string, base: string) =>
  location === base || location.startsWith(`${base}/`);
