// Finds the server's reason key (`files.quota.exceeded`…) in a failed tus request, so the panel can say why in the user's language.

interface ResponseLike {
  getStatus(): number;
  getBody(): string;
}

/** The reason key of a tus error: from a JSON body (`{ reason }`, `{ error: { reason } }`), a `files.*` key in a text body, or the status. */
export function uploadErrorReason(err: unknown): string {
  const res = (err as { originalResponse?: ResponseLike | null } | null)?.originalResponse ?? null;
  if (!res) return 'files.upload.network';
  const status = res.getStatus();
  let body = '';
  try {
    body = res.getBody() ?? '';
  } catch {
    body = '';
  }
  try {
    const json = JSON.parse(body) as { reason?: unknown; error?: { reason?: unknown } | unknown; data?: { reason?: unknown } };
    const reason = json.reason ?? (json.error as { reason?: unknown } | undefined)?.reason ?? json.data?.reason;
    if (typeof reason === 'string' && reason) return reason;
  } catch {
    // Not JSON: look for a key in the text.
  }
  const key = /\b(files\.[a-zA-Z]+(?:\.[a-zA-Z]+)*)\b/.exec(body);
  if (key) return key[1]!;
  if (status === 401) return 'files.upload.signedOut';
  if (status === 403) return 'files.upload.denied';
  if (status === 404 || status === 410) return 'files.upload.gone';
  if (status === 413) return 'files.upload.tooLarge';
  if (status === 507) return 'files.disk.full';
  return 'files.upload.failed';
}

/** Whether tus-js-client should try again: network drops and server hiccups yes; refusals (4xx but 409/423/429) no. */
export function shouldRetryUpload(err: unknown): boolean {
  const res = (err as { originalResponse?: ResponseLike | null } | null)?.originalResponse ?? null;
  if (!res) return true;
  const status = res.getStatus();
  if (status >= 400 && status < 500) return status === 409 || status === 423 || status === 429;
  return true;
}
