/**
 * The console's one way to the API (api.md): JSON under /api/v1, the session's bearer token,
 * the API's refusal sentence kept as it is so forms can show it next to the field it concerns.
 */

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** A refusal or failure from the API, with its stable code and its sentence for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /**
   * The sentences per field: a validation failure lists problems that start with the field's
   * name ("hours must be a positive number"); a domain refusal may name its field in `details.field`.
   */
  get fieldErrors(): Record<string, string> {
    const errors: Record<string, string> = {};
    const problems = this.details.problems;
    if (Array.isArray(problems)) {
      for (const problem of problems) {
        if (typeof problem !== 'string') continue;
        const field = problem.split(' ')[0] ?? '';
        errors[field] = errors[field] ? `${errors[field]}; ${problem}` : problem;
      }
    }
    if (typeof this.details.field === 'string') errors[this.details.field] = this.message;
    return errors;
  }
}

type Listener = () => void;

let token: string | null = null;
const onUnauthorized = new Set<Listener>();

export function setToken(next: string | null): void {
  token = next;
}

/** Called when the API answers 401 to a signed-in request: the session expired or was ended. */
export function whenUnauthorized(listener: Listener): () => void {
  onUnauthorized.add(listener);
  return () => onUnauthorized.delete(listener);
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as multipart (imports); the browser sets the boundary. */
  form?: FormData;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method, headers, body, signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'API_UNREACHABLE', 'The server cannot be reached. Check the connection and try again.');
  }
  if (response.status === 401 && token) for (const listener of onUnauthorized) listener();
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const error = (json as { error?: ApiErrorBody } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? response.statusText, error?.details ?? {});
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { form }),
};

/** `?a=1&b=2` from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A list page as every list query answers it (api.md "Lists"). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
