/**
 * The HTTP side of the operators' tools (`seed-demo` and the CLI): they are clients of the API
 * like any other (api.md), so they need no internals and exercise exactly the contract.
 */

/** A response: its status and its body (parsed JSON, the text when it is not JSON, null when empty). */
export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RequestOptions {
  token?: string | null;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data instead of `body`. */
  form?: FormData;
  headers?: Record<string, string>;
  /** Keep the body as text (a CSV download) unless the answer says it is JSON (an error). */
  raw?: boolean;
}

/** Something went wrong talking to the API: its sentence is meant for the operator. */
export class ApiClientError extends Error {}

/** No answer at all (refused connection, unknown host) after a few tries. */
export class ApiUnreachable extends ApiClientError {}

/** POST /auth/login answered anything but a token. */
export class SignInRefused extends ApiClientError {
  constructor(
    readonly email: string,
    readonly answer: Answer,
  ) {
    super(`sign-in as ${email} failed: ${answer.status} ${answer.body?.error?.message ?? JSON.stringify(answer.body)}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class HttpClient {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** `/certificants` → `<base>/api/v1/certificants`; `/health`, `/metrics` and `/api/...` are taken as they are. */
  url(path: string): string {
    const bare = path.startsWith('/api/') || path.startsWith('/health') || path.startsWith('/metrics');
    return `${this.baseUrl}${bare ? '' : '/api/v1'}${path}`;
  }

  /**
   * One request, retried while there is no answer (up to 5 times, about 3 s in all: the app may
   * be starting), on 503 and on a 409 write conflict (another writer got there first; the
   * command is decided again). A reused Idempotency-Key is not a conflict to retry.
   * @throws ApiUnreachable when no answer comes.
   */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    const { token, body, form, headers = {}, raw = false } = options;
    for (let attempt = 0; ; attempt++) {
      let answer: Answer;
      try {
        const response = await fetch(this.url(path), {
          method,
          headers: {
            ...(body === undefined || form ? {} : { 'content-type': 'application/json' }),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...headers,
          },
          body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
        });
        const text = await response.text();
        let parsed: unknown = text;
        if (!raw || response.headers.get('content-type')?.includes('json')) {
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: keep the text
          }
        }
        answer = { status: response.status, body: parsed };
      } catch (error) {
        if (attempt < 5) {
          await sleep(200 * (attempt + 1));
          continue;
        }
        const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
        throw new ApiUnreachable(`${method} ${path}: ${cause} (is the app running at ${this.baseUrl}?)`);
      }
      const code: string | undefined = answer.body?.error?.code;
      const retryable = answer.status === 503 || (answer.status === 409 && code !== 'IDEMPOTENCY_KEY_REUSED');
      if (retryable && attempt < 8) {
        await sleep(100 * (attempt + 1));
        continue;
      }
      return answer;
    }
  }

  /**
   * POST /auth/login: the bearer token.
   * @throws SignInRefused when the API answers without one (wrong password, unknown account).
   */
  async signIn(email: string, password: string): Promise<string> {
    const answer = await this.request('POST', '/auth/login', { body: { email, password } });
    if (answer.status !== 200 && answer.status !== 201) throw new SignInRefused(email, answer);
    return answer.body.token as string;
  }
}
