// One error type for every Kubernetes failure: the HTTP code, the Status reason and its message, never credentials.

/** A field-level cause from a Status (422 Invalid carries one per bad field). */
export interface KubeErrorCause {
  field?: string;
  reason?: string;
  message?: string;
}

/** Status reasons by HTTP code, for answers whose body is not a Status (proxies, plain-text errors). */
const REASON_BY_CODE: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

export class KubeError extends Error {
  constructor(
    /** The HTTP status (503 when the API server could not be reached). */
    readonly code: number,
    /** The Status reason: NotFound, AlreadyExists, Conflict, Forbidden, Invalid, Expired, Gone… */
    readonly reason: string,
    message: string,
    readonly causes: KubeErrorCause[] = [],
  ) {
    super(message);
    this.name = 'KubeError';
  }

  get notFound(): boolean {
    return this.code === 404;
  }
  /** The resourceVersion a watch or list asked for is too old (410 Gone / Expired). */
  get expired(): boolean {
    return this.code === 410;
  }
}

export function isKubeError(err: unknown, reasonOrCode?: string | number): err is KubeError {
  if (!(err instanceof KubeError)) return false;
  if (reasonOrCode === undefined) return true;
  return typeof reasonOrCode === 'number' ? err.code === reasonOrCode : err.reason === reasonOrCode;
}

/** The reason Kubernetes would give for a code, when the body does not say. */
export function reasonForCode(code: number): string {
  return REASON_BY_CODE[code] ?? (code >= 500 ? 'InternalError' : 'Unknown');
}

interface StatusLike {
  kind?: unknown;
  code?: unknown;
  reason?: unknown;
  message?: unknown;
  details?: { causes?: unknown };
}

function parseBody(body: unknown): StatusLike | null {
  if (typeof body === 'string') {
    try {
      const parsed: unknown = JSON.parse(body);
      return parsed && typeof parsed === 'object' ? (parsed as StatusLike) : null;
    } catch {
      return null;
    }
  }
  return body && typeof body === 'object' ? (body as StatusLike) : null;
}

function causesOf(status: StatusLike | null): KubeErrorCause[] {
  const causes = status?.details?.causes;
  if (!Array.isArray(causes)) return [];
  return causes
    .filter((c): c is Record<string, unknown> => !!c && typeof c === 'object')
    .map((c) => ({
      field: typeof c.field === 'string' ? c.field : undefined,
      reason: typeof c.reason === 'string' ? c.reason : undefined,
      message: typeof c.message === 'string' ? c.message : undefined,
    }));
}

/**
 * A KubeError from an HTTP answer: `body` is the response text (or an already parsed object) — a Status
 * when the API server wrote it. Only the Status message is kept, never the raw body.
 */
export function kubeErrorFromStatus(httpCode: number, body: unknown): KubeError {
  const status = parseBody(body);
  const code = typeof status?.code === 'number' && status.code > 0 ? status.code : httpCode;
  const reason = typeof status?.reason === 'string' && status.reason ? status.reason : reasonForCode(code);
  const message = typeof status?.message === 'string' && status.message ? status.message : `Kubernetes API answered ${code} ${reason}`;
  return new KubeError(code, reason, message, causesOf(status));
}

/** Whether a watch ERROR event's object is a Status (as opposed to a stray object). */
export function isStatusObject(obj: unknown): obj is { kind: 'Status'; code?: number } {
  return !!obj && typeof obj === 'object' && (obj as StatusLike).kind === 'Status';
}

/** The API server could not be reached or the connection broke: no answer at all (watches retry these silently). */
export class KubeNetworkError extends KubeError {
  constructor(message: string) {
    super(503, 'ServiceUnavailable', message);
    this.name = 'KubeNetworkError';
  }
}

/** An error thrown by node's HTTP stack, reduced to something safe to show and log. */
export function kubeErrorFromNetwork(err: unknown, server: string): KubeNetworkError {
  const code = (err as { code?: unknown })?.code;
  const what = typeof code === 'string' ? code : err instanceof Error ? err.message : 'connection failed';
  return new KubeNetworkError(`Kubernetes API at ${server} could not be reached (${what})`);
}

/**
 * Any error from talking to Kubernetes as a KubeError: our own, a client-node `ApiException`
 * (`.code` and a JSON `.body`), or anything else (kept as a 500 with its message).
 */
export function toKubeError(err: unknown): KubeError {
  if (err instanceof KubeError) return err;
  const e = err as { code?: unknown; body?: unknown; message?: unknown };
  if (e && typeof e === 'object' && typeof e.code === 'number' && e.code >= 100) return kubeErrorFromStatus(e.code, e.body);
  const message = err instanceof Error ? err.message : String(err);
  return new KubeError(500, 'InternalError', message);
}
