// A web address typed by a person: "example.com/feed" is taken as https; anything that is not http(s) is refused.
export function normaliseUrl(input: string): string | null {
  const s = input.trim();
  if (!s || s.length > 2048) return null;
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `https://${s}`);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (!u.hostname) return null;
    return u.toString();
  } catch {
    return null;
  }
}
