/**
 * The one way the console talks to the suite: fetch on /api/** through the gateway, in its cookie
 * session (the tokens live in HttpOnly cookies the page never sees). Changes repeat the readable
 * ce_csrf cookie in X-CSRF-Token. A 401 is answered by one refresh of the session and a retry;
 * when that fails too, the session has ended and listeners of {@link onSessionExpired} are told.
 * Errors arrive as RFC 7807 problems and are thrown as {@link ApiError}, field errors included.
 */

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly errors: FieldError[];
  readonly body: unknown;

  constructor(status: number, title: string, detail?: string, errors: FieldError[] = [], body?: unknown) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.body = body;
  }

  /** The message of the first error about this field (dotted path, as the API names it), if any. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }
}

type Listener = () => void;
const expiredListeners = new Set<Listener>();

/** Called when the session cannot be renewed any more (signed out elsewhere, expired, revoked). */
export function onSessionExpired(listener: Listener): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

export function csrfToken(): string | undefined {
  const match = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('ce_csrf='));
  return match ? decodeURIComponent(match.substring('ce_csrf='.length)) : undefined;
}

/** Paths whose 401 means "wrong credentials", not "session over". */
const NO_REFRESH = ['/api/auth/login', '/api/auth/refresh', '/api/auth/first-login', '/api/auth/logout'];

let refreshing: Promise<boolean> | null = null;

async function refreshSession(): Promise<boolean> {
  if (!refreshing) {
    refreshing = (async () => {
      try {
        const res = await fetch('/api/auth/refresh', {
          method: 'POST',
          credentials: 'same-origin',
          headers: baseHeaders('POST', true),
          body: '{}',
        });
        return res.ok;
      } catch {
        return false;
      } finally {
        setTimeout(() => (refreshing = null), 0);
      }
    })();
  }
  return refreshing;
}

function baseHeaders(method: string, json: boolean): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', 'X-CE-Session': 'cookie' };
  if (method !== 'GET' && method !== 'HEAD') {
    const token = csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  if (json) headers['Content-Type'] = 'application/json';
  return headers;
}

export interface RequestOptions {
  /** Query parameters; undefined, null and '' values are left out. */
  query?: Record<string, string | number | boolean | undefined | null | string[]>;
  signal?: AbortSignal;
  /** Send this body as it is (a File, text) with this content type instead of JSON. */
  contentType?: string;
  /** Return the response text instead of parsing JSON. */
  text?: boolean;
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, v));
    else params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

async function problemOf(res: Response): Promise<ApiError> {
  let body: unknown;
  const text = await res.text().catch(() => '');
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  if (body && typeof body === 'object') {
    const p = body as { title?: string; detail?: string; errors?: FieldError[]; message?: string };
    return new ApiError(
      res.status,
      p.title ?? res.statusText ?? `HTTP ${res.status}`,
      p.detail ?? p.message,
      Array.isArray(p.errors) ? p.errors : [],
      body,
    );
  }
  return new ApiError(res.status, res.statusText || `HTTP ${res.status}`, typeof body === 'string' ? body.slice(0, 300) : undefined);
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const url = withQuery(path, options.query);
  const raw = options.contentType !== undefined;
  const send = async () =>
    fetch(url, {
      method,
      credentials: 'same-origin',
      signal: options.signal,
      headers: raw
        ? { ...baseHeaders(method, false), 'Content-Type': options.contentType! }
        : baseHeaders(method, body !== undefined),
      body: body === undefined ? undefined : raw ? (body as BodyInit) : JSON.stringify(body),
    });
  let res = await send();
  // without the readable ce_csrf cookie no session was ever opened in this browser: nothing to renew
  if (res.status === 401 && !NO_REFRESH.includes(path)) {
    if (csrfToken() !== undefined && (await refreshSession())) {
      res = await send();
    }
    if (res.status === 401) {
      expiredListeners.forEach((l) => l());
    }
  }
  if (!res.ok) {
    throw await problemOf(res);
  }
  if (res.status === 204 || res.headers.get('Content-Length') === '0') {
    return undefined as T;
  }
  if (options.text) {
    return (await res.text()) as T;
  }
  const type = res.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    return (await res.json()) as T;
  }
  return (await res.text()) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? {}, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body ?? {}, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body ?? {}, options),
  del: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

/** A short text for an error shown to the operator. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return [error.detail ?? error.title, fields].filter(Boolean).join(' — ');
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
