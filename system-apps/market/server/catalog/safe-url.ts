// Catalogue URLs may carry credentials (https://user:token@host/…): they are sent as a header and never printed.

const SECRET_PARAMS = /^(token|access_token|key|apikey|api_key|secret|password|sig|signature|auth|x-amz-signature|x-amz-credential)$/i;

/** The URL as it may appear in logs, statuses and errors: no user info, secret-looking query values masked. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.replace(/\/\/[^/@]*@/, '//');
  }
  url.username = '';
  url.password = '';
  for (const key of [...url.searchParams.keys()]) if (SECRET_PARAMS.test(key)) url.searchParams.set(key, '***');
  return url.toString();
}

/** A URL without user info, plus the Authorization header that carries it (fetch refuses URLs with credentials). */
export function splitCredentials(raw: string): { url: URL; headers: Record<string, string> } {
  const url = new URL(raw);
  const headers: Record<string, string> = {};
  if (url.username || url.password) {
    const user = decodeURIComponent(url.username);
    const pass = decodeURIComponent(url.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  return { url, headers };
}

/** An error's message with any URL in it redacted. */
export function redactMessage(message: string): string {
  return message.replace(/https?:\/\/[^\s"'<>]+/g, (u) => redactUrl(u));
}
