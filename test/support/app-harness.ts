import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../apps/api/src/app';
import { loadRecertConfig } from '../../apps/api/src/config/recert-config';
import { createTestDatabase, type TestDatabase } from './test-database';

export const ADMIN = { email: 'admin@recert.test', password: 'correct horse battery staple' };

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** The running app on a database of its own, driven over HTTP like any client (api.md). */
export class TestApp {
  token: string | null = null;

  private constructor(
    readonly app: INestApplication,
    readonly url: string,
    /** The database this app created and drops at stop; null when it runs on one it was given. */
    private readonly database: TestDatabase | null,
  ) {}

  /** The app on a database of its own, dropped at stop. */
  static async start(env: Record<string, string> = {}): Promise<TestApp> {
    const database = await createTestDatabase();
    try {
      return await TestApp.listen(database.url, env, database);
    } catch (error) {
      await database.drop();
      throw error;
    }
  }

  /** Another app process on a database that outlives it (two processes sharing one database). */
  static startOn(databaseUrl: string, env: Record<string, string> = {}): Promise<TestApp> {
    return TestApp.listen(databaseUrl, env, null);
  }

  private static async listen(databaseUrl: string, env: Record<string, string>, owned: TestDatabase | null): Promise<TestApp> {
    const config = loadRecertConfig({
      DATABASE_URL: databaseUrl,
      RECERT_ADMIN_EMAIL: ADMIN.email,
      RECERT_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'silent',
      ...env,
      PORT: '0',
    });
    const app = await createApp(config);
    await app.listen(0, '127.0.0.1');
    return new TestApp(app, (await app.getUrl()).replace('[::1]', '127.0.0.1'), owned);
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.database?.drop();
  }

  /** A request to `/api/v1<path>` (or an absolute path starting with `//`), with the current token. */
  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const target = path.startsWith('//') ? `${this.url}${path.slice(1)}` : `${this.url}/api/v1${path}`;
    const response = await fetch(target, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }

  post<T = any>(path: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }

  /** Runs `action` with another session's token, then puts the current one back. */
  async as<T>(token: string, action: () => Promise<T>): Promise<T> {
    const previous = this.token;
    this.token = token;
    try {
      return await action();
    } finally {
      this.token = previous;
    }
  }

  /** Signs in (the first admin by default) and keeps the token for later requests. */
  async signIn(credentials: { email: string; password: string } = ADMIN): Promise<string> {
    const answer = await this.post<{ token: string }>('/auth/login', credentials);
    if (answer.status !== 200 && answer.status !== 201) {
      throw new Error(`sign-in failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    this.token = answer.body.token;
    return this.token;
  }
}
