import { InvalidConfiguration, loadRecertConfig } from './recert-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadRecertConfig(env);
    return [];
  } catch (error) {
    if (error instanceof InvalidConfiguration) return error.problems;
    throw error;
  }
}

describe('configuration', () => {
  it('defaults to the embedded database, port 3000 and America/Denver', () => {
    const config = loadRecertConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', RECERT_TIME_ZONE: 'America/Denver', LOG_LEVEL: 'info', RECERT_MODE: 'all' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('takes valid settings as given', () => {
    const config = loadRecertConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      REDIS_URL: 'redis://127.0.0.1:6379',
      RECERT_TIME_ZONE: 'America/New_York',
      RECERT_NOW: '2026-12-31T23:30:00-07:00',
      RECERT_MODE: 'api',
    });
    expect(config).toMatchObject({ PORT: 8080, RECERT_TIME_ZONE: 'America/New_York', RECERT_NOW: '2026-12-31T23:30:00-07:00', RECERT_MODE: 'api' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ RECERT_TIME_ZONE: 'Mars/Olympus' }, 'RECERT_TIME_ZONE'],
    [{ RECERT_NOW: 'tomorrow' }, 'RECERT_NOW'],
    [{ RECERT_NOW: '2026-02-31T25:00:00Z' }, 'RECERT_NOW'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ RECERT_MODE: 'both' }, 'RECERT_MODE'],
    [{ RECERT_MODE: 'worker' }, 'RECERT_MODE'],
    [{ RECERT_ADMIN_EMAIL: 'admin@example.org' }, 'RECERT_ADMIN_EMAIL'],
    [{ RECERT_ADMIN_EMAIL: 'admin@example.org', RECERT_ADMIN_PASSWORD: 'short' }, 'RECERT_ADMIN_PASSWORD'],
  ])('refuses %o with a sentence naming %s', (env, setting) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(setting);
  });
});
