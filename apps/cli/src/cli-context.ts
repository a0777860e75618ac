import { ApiUnreachable, HttpClient, SignInRefused, type Answer, type RequestOptions } from './http-client';

/**
 * The exit codes every command keeps (README "CLI"): scripts and schedulers tell success from
 * failure, and a failure of the work from a mistake in the call or an API out of reach.
 */
export const EXIT = {
  ok: 0,
  /** The work failed: a job failed, or (with --strict) some rows or people were refused. */
  failed: 1,
  /** Bad usage or input: unknown command or flag, missing file, the API's 400/404/422. */
  usage: 2,
  /** The API cannot be reached, or signing in (or the account's rights) failed. */
  unreachable: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Ends a command with an exit code and a sentence for the operator (printed on stderr). */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
}

/** One run of the CLI: where it writes, what environment it reads, and the exit code it ends with. */
export class CliContext {
  exitCode: ExitCode = EXIT.ok;

  constructor(readonly io: CliIo) {}

  get env(): Record<string, string | undefined> {
    return this.io.env;
  }

  out(line = ''): void {
    this.io.stdout.write(`${line}\n`);
  }

  err(line: string): void {
    this.io.stderr.write(`${line}\n`);
  }

  /** Milliseconds between two polls of a job (RECERT_POLL_MS, default 250). */
  get pollMs(): number {
    const ms = Number(this.env.RECERT_POLL_MS);
    return Number.isFinite(ms) && ms > 0 ? ms : 250;
  }
}

/** The flags every command takes; they win over the environment. */
export interface ConnectionOptions {
  url?: string;
  email?: string;
  password?: string;
}

/** `--url`, else RECERT_URL, else http://localhost:3000. */
export function baseUrlOf(context: CliContext, options: ConnectionOptions): string {
  return options.url ?? context.env.RECERT_URL ?? 'http://localhost:3000';
}

/**
 * The base URL and credentials, flags first: `--url` or RECERT_URL (default
 * http://localhost:3000); `--email` and `--password`, else RECERT_TOKEN, else
 * RECERT_ADMIN_EMAIL and RECERT_ADMIN_PASSWORD.
 */
export function connectionOf(context: CliContext, options: ConnectionOptions): { url: string; token?: string; email?: string; password?: string } {
  const env = context.env;
  const url = baseUrlOf(context, options);
  if (options.email !== undefined || options.password !== undefined) {
    if (options.email === undefined || options.password === undefined) throw new CliError(EXIT.usage, 'Give --email and --password together.');
    return { url, email: options.email, password: options.password };
  }
  if (env.RECERT_TOKEN) return { url, token: env.RECERT_TOKEN };
  if (env.RECERT_ADMIN_EMAIL && env.RECERT_ADMIN_PASSWORD) return { url, email: env.RECERT_ADMIN_EMAIL, password: env.RECERT_ADMIN_PASSWORD };
  throw new CliError(EXIT.usage, 'Sign in with --email and --password, or set RECERT_TOKEN, or RECERT_ADMIN_EMAIL and RECERT_ADMIN_PASSWORD.');
}

/** The exit code and sentence for an answer that is not a success (the API's own sentence when it gave one). */
export function failureOf(answer: Answer, what: string): CliError {
  const sentence: string = answer.body?.error?.message ?? (typeof answer.body === 'string' && answer.body ? answer.body : JSON.stringify(answer.body));
  const message = `${what}: ${sentence} (${answer.status}${answer.body?.error?.code ? ` ${answer.body.error.code}` : ''})`;
  if (answer.status === 401 || answer.status === 403 || answer.status === 502 || answer.status === 503 || answer.status === 504) return new CliError(EXIT.unreachable, message);
  if (answer.status >= 400 && answer.status < 500) return new CliError(EXIT.usage, message);
  return new CliError(EXIT.failed, message);
}

/** The API as one signed-in operator sees it: a non-2xx answer becomes a CliError with the right exit code. */
export class Api {
  private constructor(
    private readonly http: HttpClient,
    private readonly token: string,
  ) {}

  /** Signs in (or takes the token) and checks the API is there. */
  static async connect(context: CliContext, options: ConnectionOptions): Promise<Api> {
    const connection = connectionOf(context, options);
    const http = new HttpClient(connection.url);
    try {
      return new Api(http, connection.token ?? (await http.signIn(connection.email!, connection.password!)));
    } catch (error) {
      throw asCliError(error);
    }
  }

  get<T = any>(path: string): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.call('GET', path);
  }

  post<T = any>(path: string, body: unknown = {}): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.call('POST', path, { body });
  }

  /** A download kept as text (a CSV). */
  text(path: string): Promise<string> {
    return this.call('GET', path, { raw: true });
  }

  /** A multipart POST (a file upload). */
  postForm<T = any>(path: string, form: FormData): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.call('POST', path, { form });
  }

  private async call<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    let answer: Answer;
    try {
      answer = await this.http.request(method, path, { ...options, token: this.token });
    } catch (error) {
      throw asCliError(error);
    }
    if (answer.status < 200 || answer.status >= 300) throw failureOf(answer, `${method} ${path}`);
    return answer.body as T;
  }
}

/** The client's own errors as exit codes: no answer or a refused sign-in is 3. */
export function asCliError(error: unknown): unknown {
  if (error instanceof ApiUnreachable) return new CliError(EXIT.unreachable, error.message);
  if (error instanceof SignInRefused) return new CliError(EXIT.unreachable, error.message);
  return error;
}

/** Polls `read` every `context.pollMs` until `done` holds, telling `onProgress` each answer. */
export async function pollUntil<T>(context: CliContext, read: () => Promise<T>, done: (answer: T) => boolean, onProgress: (answer: T) => void): Promise<T> {
  for (;;) {
    const answer = await read();
    onProgress(answer);
    if (done(answer)) return answer;
    await new Promise((resolve) => setTimeout(resolve, context.pollMs));
  }
}
