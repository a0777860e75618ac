import { certificantStream } from '@recert/domain';
import type { EventStore } from '@recert/event-store';
import type { Projection } from '@recert/read-models';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { READ_MODEL_ENTITIES, READ_MODEL_MIGRATIONS, READ_MODEL_PROJECTIONS } from '../apps/api/src/database/read-model-catalogue';
import { DATA_SOURCE, EVENT_STORE } from '../apps/api/src/database/tokens';
import { CONSISTENT_READ_TIMEOUT_MS } from '../apps/api/src/projections/consistent-read.interceptor';
import {
  StreamEventCountEntity,
  StreamEventCounts1764000000001,
  streamEventCounts,
} from '../libs/read-models/src/testing/stream-event-count.projection';
import { TestApp } from './support/app-harness';

// A toy read model beside the real ones: it counts each stream's events, and has a bug for
// certificants named "Unprojectable" so that their stream gets parked.
const TOY = 'stream_event_counts';
READ_MODEL_PROJECTIONS.push(
  streamEventCounts({ failsOn: (event) => (event.data as { lastName?: string }).lastName === 'Unprojectable' }),
);
// And one whose bug is outside any single event (it cannot even filter ProjectionBroken): its
// whole batch fails, again and again, and the projection shows as failed.
const FRAGILE = 'fragile';
const fragile: Projection = {
  name: FRAGILE,
  version: 1,
  tables: [],
  handles(type) {
    if (type === 'ProjectionBroken') throw new Error('the fragile read model cannot look at ProjectionBroken');
    return false;
  },
  async apply() {},
};
READ_MODEL_PROJECTIONS.push(fragile);
READ_MODEL_ENTITIES.push(StreamEventCountEntity);
READ_MODEL_MIGRATIONS.push(StreamEventCounts1764000000001);

interface ProjectionItem {
  name: string;
  status: string;
  position: number;
  head: number;
  lag: number;
  owner: string | null;
  parkedStreams: number;
  parked: Array<{ streamId: string; eventType: string; error: string; parkedEvents: number }>;
}

describe('projections in the API process (single-process mode)', () => {
  let app: TestApp;
  let dataSource: DataSource;
  let store: EventStore;

  beforeAll(async () => {
    app = await TestApp.start({ REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
    await app.signIn();
    dataSource = app.app.get<DataSource>(DATA_SOURCE);
    store = app.app.get<EventStore>(EVENT_STORE);
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  async function register(lastName: string, headers: Record<string, string> = {}) {
    const answer = await app.post<{ certificantId: string; position: number }>(
      '/certificants',
      { firstName: 'Pat', lastName, email: `${randomUUID()}@example.org` },
      headers,
    );
    expect(answer.status).toBe(201);
    expect(typeof answer.body.position).toBe('number');
    return answer.body;
  }

  async function projectionsAt(position: number): Promise<ProjectionItem[]> {
    const answer = await app.get<{ items: ProjectionItem[] }>('/projections?consistent=true', {
      'x-min-position': String(position),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-consistency')).toBe('reached');
    return answer.body.items;
  }

  async function countedEvents(streamId: string): Promise<number | null> {
    const rows: Array<{ events: number }> = await dataSource.query('SELECT events FROM stream_event_counts WHERE stream_id = $1', [
      streamId,
    ]);
    return rows[0]?.events ?? null;
  }

  it('answers ?consistent=true with X-Min-Position once the read models hold the write', async () => {
    const { certificantId, position } = await register('Reader');
    const items = await projectionsAt(position);
    expect(items.map((item) => item.name).sort()).toEqual(READ_MODEL_PROJECTIONS.map((projection) => projection.name).sort());
    for (const item of items) expect(item.position).toBeGreaterThanOrEqual(position);
    expect(await countedEvents(certificantStream(certificantId))).toBe(1);
  });

  it('shows every projection running with lag 0 and the store head once caught up, and /health agrees', async () => {
    const { position } = await register('Caught-Up');
    const items = await projectionsAt(position);
    const head = Number((await store.head()).globalPosition);
    for (const item of items) {
      expect(item).toMatchObject({ status: 'running', lag: 0, position: head, head, parkedStreams: 0 });
      expect(item.owner).toEqual(expect.any(String));
    }
    const health = await app.get('//health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(health.body.details).toMatchObject({
      eventStore: { status: 'up', headPosition: String(head) },
      projections: { status: 'up', maxLag: 0, failed: [] },
      parkedStreams: { status: 'up', count: 0 },
      redis: { status: 'up' },
    });
  });

  it('waits for the head when no X-Min-Position is given', async () => {
    await register('Headless');
    const answer = await app.get<{ items: ProjectionItem[] }>('/projections?consistent=true');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-consistency')).toBe('reached');
    for (const item of answer.body.items) expect(item.lag).toBe(0);
  });

  it('takes `consistent` out of the query before a query DTO validates it, and keeps refusing unknown fields', async () => {
    const queue = await app.get('/audits?consistent=true');
    expect(queue.status).toBe(200);
    expect(queue.headers.get('x-consistency')).toBe('reached');
    const unknown = await app.get('/audits?consistent=true&colour=blue');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
  });

  it.each([
    ['not a number', 'abc', 'INVALID_MIN_POSITION'],
    ['a negative number', '-3', 'INVALID_MIN_POSITION'],
    ['a position no event has', '987654321', 'UNKNOWN_MIN_POSITION'],
  ])('refuses an X-Min-Position that is %s with 400', async (_label, header, code) => {
    const answer = await app.get('/projections?consistent=true', { 'x-min-position': header });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe(code);
  });

  it('puts the X-Correlation-Id of the request into the events and echoes it', async () => {
    const correlationId = `e2e-${randomUUID()}`;
    const answer = await app.post<{ certificantId: string }>(
      '/certificants',
      { firstName: 'Cor', lastName: 'Relation', email: `${randomUUID()}@example.org` },
      { 'x-correlation-id': correlationId },
    );
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-correlation-id')).toBe(correlationId);
    const [event] = await store.readStream(certificantStream(answer.body.certificantId));
    expect(event.metadata.correlationId).toBe(correlationId);
  });

  it('gives a request without a usable correlation id a fresh one, in the answer and in the events', async () => {
    const answer = await app.post<{ certificantId: string }>(
      '/certificants',
      { firstName: 'No', lastName: 'Header', email: `${randomUUID()}@example.org` },
      { 'x-correlation-id': 'not a token; "quoted", spaced and {braced}' },
    );
    const given = answer.headers.get('x-correlation-id');
    expect(given).toMatch(/^[0-9a-f-]{36}$/);
    const [event] = await store.readStream(certificantStream(answer.body.certificantId));
    expect(event.metadata.correlationId).toBe(given);
  });

  it('serves Prometheus metrics without sign-in: command latency, appended events, lag and parked streams', async () => {
    await register('Measured');
    await app.post('/certificants', { firstName: 'Bad', lastName: 'Email', email: 'not-an-email' });
    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/recert_command_duration_seconds_count\{command="RegisterCertificant",outcome="accepted"\} [1-9]/);
    expect(text).toMatch(/recert_events_appended_total\{event_type="CertificantRegistered"\} [1-9]/);
    expect(text).toContain(`recert_projection_lag_events{projection="${TOY}"}`);
    expect(text).toContain(`recert_projection_parked_streams{projection="${TOY}"} 0`);
  });

  it('parks the stream of an event a projection cannot apply, goes on with the others, and shows it', async () => {
    const broken = await register('Unprojectable');
    const after = await register('After-The-Bug');
    const items = await projectionsAt(after.position);
    const toy = items.find((item) => item.name === TOY)!;
    expect(toy).toMatchObject({ status: 'running', lag: 0, parkedStreams: 1 });
    expect(toy.parked).toEqual([
      expect.objectContaining({
        streamId: certificantStream(broken.certificantId),
        eventType: 'CertificantRegistered',
        parkedEvents: 1,
        error: expect.stringContaining('cannot project CertificantRegistered'),
      }),
    ]);
    expect(await countedEvents(certificantStream(broken.certificantId))).toBeNull();
    expect(await countedEvents(certificantStream(after.certificantId))).toBe(1);

    const health = await app.get('//health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('degraded');
    expect(health.body.details.parkedStreams).toMatchObject({
      status: 'degraded',
      count: 1,
      streams: [{ projection: TOY, streamId: certificantStream(broken.certificantId), error: expect.any(String) }],
    });

    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain(`recert_projection_parked_streams{projection="${TOY}"} 1`);
  });

  // Last: from here on the fragile projection never catches up again.
  it('marks /health down (503) when a projection fails, shows the error, and consistent reads answer after the timeout', async () => {
    const broken = await store.append('test-breaker', [{ type: 'ProjectionBroken', data: {} }], { expectedRevision: 'any' });
    const failed = await eventually(async () => {
      const answer = await app.get<{ items: ProjectionItem[] }>('/projections');
      const item = answer.body.items.find((each) => each.name === FRAGILE);
      return item?.status === 'failed' ? item : null;
    });
    expect(failed).toMatchObject({ lag: expect.any(Number), lastError: expect.stringContaining('cannot look at ProjectionBroken') });
    expect(failed.lag).toBeGreaterThan(0);

    const health = await app.get('//health');
    expect(health.status).toBe(503);
    expect(health.body.error).toMatchObject({ code: 'UNHEALTHY', message: 'Recert is unhealthy: projections down.' });
    expect(health.body.error.details).toMatchObject({
      eventStore: { status: 'up' },
      projections: { status: 'down', failed: [FRAGILE], lastErrors: [{ name: FRAGILE, lastError: expect.any(String) }] },
    });

    const started = Date.now();
    const stale = await app.get('/projections?consistent=true', { 'x-min-position': broken.position.globalPosition });
    expect(stale.status).toBe(200);
    expect(stale.headers.get('x-consistency')).toBe('timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(CONSISTENT_READ_TIMEOUT_MS - 50);

    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain(`recert_projection_failed{projection="${FRAGILE}"} 1`);
  });
});

/** Polls until `check` returns something, for at most `timeoutMs`. */
async function eventually<T>(check: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== null) return found;
    if (Date.now() > deadline) throw new Error(`nothing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
