/**
 * The one redaction of the client: no error may hold the secret key, the session token or a
 * signature, in any form a server or a library writes them, even when a server echoes them back
 * or a caller's fetch or credentials provider quotes them in its own error. `<redacted>` is the
 * placeholder restore-jobs-cli's reports use too.
 */

/**
 * A secret as text around it may carry it: raw, JSON-escaped (a `/` as `\/`, as PHP and others
 * write it; `"` and `\` escaped), and URL-encoded (upper- or lower-case hex).
 */
function forms(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    secret.replace(/\//g, "\\/"),
    encoded,
    encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
  ];
}

/**
 * Values named as secrets wherever they appear, whoever wrote them (a fetch quoting its request,
 * a provider quoting an STS answer): the value after `Signature=`, `X-Amz-Security-Token:` or `=`,
 * `SecretAccessKey`/`secret_access_key` and `SessionToken`/`session_token` (JSON or `key=value`).
 */
const named =
  /((?:signature=|x-amz-security-token["']?\s*[:=]\s*["']?|(?:aws_?)?(?:secret_?access_?key|session_?token)["']?\s*[:=]\s*["']?))[^\s"',;&)]+/gi;

/** `text` with each known secret (4 characters or more) in each form, and each named secret, redacted. */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4)
      for (const form of forms(secret)) out = out.split(form).join("<redacted>");
  }
  return out.replace(named, "$1<redacted>");
}

/**
 * A caller's or a library's error, as an error of the client may carry it in `cause`: a copy of
 * its name, message, stack and `code`, redacted, with its own cause copied the same way (5 deep);
 * anything else it held (a request and its headers) is left behind.
 */
export function redactedCause(cause: unknown, secrets: Iterable<string | undefined>, depth = 0): unknown {
  if (!(cause instanceof Error)) {
    return typeof cause === "object" && cause !== null ? undefined : redactSecrets(String(cause), secrets);
  }
  const copy = new Error(redactSecrets(cause.message, secrets));
  copy.name = redactSecrets(cause.name, secrets);
  copy.stack = redactSecrets(cause.stack ?? "", secrets);
  const code = (cause as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") Object.assign(copy, { code });
  if (cause.cause !== undefined && depth < 5) copy.cause = redactedCause(cause.cause, secrets, depth + 1);
  return copy;
}
