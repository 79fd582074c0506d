// Calls to the server's JSON APIs: bearer token, Accept-Language, Idempotency-Key on writes, problem+json errors as ApiError.
import { localeStore } from './i18n.js';

/** An RFC 9457 problem answered by the server; `detail` is already in the reader's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly problem: Record<string, unknown>,
  ) {
    super(detail);
  }
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  /** `idempotencyKey`: pass the same key to retry the same action safely; a new one is made otherwise. */
  post<T>(path: string, body?: unknown, idempotencyKey?: string): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  delete<T>(path: string): Promise<T>;
  /** A raw GET with the same headers, for downloads (CSV, images). */
  download(path: string): Promise<Blob>;
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export function createApiClient(getToken: () => string | undefined): ApiClient {
  const headersFor = (extra: Record<string, string> = {}): Record<string, string> => {
    const headers: Record<string, string> = { 'accept-language': localeStore.get(), ...extra };
    const token = getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    return headers;
  };
  const send = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const init: RequestInit = { method, headers: headersFor(headers) };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const response = await fetch(path, init);
    if (!response.ok) throw await toApiError(response);
    return response;
  };
  const json = async <T>(response: Response): Promise<T> =>
    (response.status === 204 ? undefined : await response.json()) as T;
  return {
    get: async (path) => json(await send('GET', path, {})),
    post: async (path, body = {}, idempotencyKey = newIdempotencyKey()) =>
      json(await send('POST', path, { 'idempotency-key': idempotencyKey }, body)),
    patch: async (path, body = {}) =>
      json(await send('PATCH', path, { 'idempotency-key': newIdempotencyKey() }, body)),
    delete: async (path) => json(await send('DELETE', path, {})),
    download: async (path) => (await send('GET', path, {})).blob(),
  };
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const code = typeof body.code === 'string' ? body.code : `http_${response.status}`;
    const detail = typeof body.detail === 'string' ? body.detail : response.statusText;
    return new ApiError(response.status, code, detail, body);
  } catch {
    return new ApiError(response.status, `http_${response.status}`, text || response.statusText, {});
  }
}

/**
 * The client of one signed-in app: paths are relative to `prefix`, and an expired, idle or revoked session
 * (a problem whose code is in `sessionEndedCodes`, `unauthorized` by default) calls `onSignedOut` so the
 * app shows its sign-in screen.
 */
export function createSessionApiClient(options: {
  prefix: string;
  getToken: () => string | undefined;
  onSignedOut: () => void;
  sessionEndedCodes?: readonly string[];
}): ApiClient {
  const ended = options.sessionEndedCodes ?? ['unauthorized'];
  const client = createApiClient(options.getToken);
  const guard = async <T>(call: Promise<T>): Promise<T> => {
    try {
      return await call;
    } catch (error) {
      if (error instanceof ApiError && ended.includes(error.code) && options.getToken())
        options.onSignedOut();
      throw error;
    }
  };
  const at = (path: string) => `${options.prefix}${path}`;
  return {
    get: (path) => guard(client.get(at(path))),
    post: (path, body, key) => guard(client.post(at(path), body, key)),
    patch: (path, body) => guard(client.patch(at(path), body)),
    delete: (path) => guard(client.delete(at(path))),
    download: (path) => guard(client.download(at(path))),
  };
}
