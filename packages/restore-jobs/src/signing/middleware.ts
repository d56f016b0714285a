import type { Middleware } from "openapi-fetch";
import type { CredentialsSource } from "./credentials.js";
import { signChecked } from "./sign.js";

/**
 * openapi-fetch middleware that signs every request made through `client.raw`. The Request is
 * already built, so its body is read from a clone and those exact bytes are signed and sent.
 * (Operations sign before any Request exists and skip this cost: runtime/send.ts.)
 */
export function signingMiddleware(
  credentials: CredentialsSource,
  region: string,
  clock: () => Date,
): Middleware {
  return {
    async onRequest({ request }) {
      const body = request.body ? new Uint8Array(await request.clone().arrayBuffer()) : undefined;
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const signed = signChecked(
        { method: request.method, url: new URL(request.url), headers, body },
        { credentials: await credentials.get(), region, service: "backup", date: clock() },
      );
      delete signed.host;
      return new Request(request.url, {
        method: request.method,
        headers: signed,
        body: body ?? null,
        signal: request.signal,
        // A signed request is never followed elsewhere: a fetch that follows drops Authorization
        // across origins but would send X-Amz-Security-Token (and the body) to the new host.
        redirect: "manual",
      });
    },
  };
}
