/**
 * The one redaction of the client: no error may hold the secret key, the session token or a
 * signature, even when a server echoes them back in an answer. Each occurrence of each secret
 * (4 characters or more) in `text` becomes `<redacted>`, the placeholder restore-jobs-cli's reports
 * use too.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("<redacted>");
  }
  return out;
}
