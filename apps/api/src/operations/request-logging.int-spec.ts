import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { requestLogging } from './logging';

/**
 * A server whose handler logs one line through `request.log` and answers with the status asked for
 * in the path; `listened` gets how many 'close' listeners the middleware added to each response.
 */
function serve(root: Logger, listened: number[]): Server {
  const middleware = requestLogging(root);
  return createServer((request, response) => {
    const before = response.listenerCount('close');
    middleware(request, response, () => {
      listened.push(response.listenerCount('close') - before);
      (request as IncomingMessage & { log: Logger }).log.info('handling');
      response.statusCode = Number(/\/status\/(\d+)/.exec(request.url ?? '')?.[1] ?? 200);
      response.end('{}');
    });
  });
}

describe('requestLogging (ADR 8)', () => {
  let lines: Array<Record<string, unknown>>;
  let listened: number[];
  let server: Server;
  let url: string;

  const start = async (level: string) => {
    lines = [];
    listened = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>));
        done();
      },
    });
    server = serve(pino({ level }, sink), listened);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  /** The 'close' listener logs after the answer has gone: wait for the line. */
  const untilLines = async (count: number) => {
    for (let i = 0; i < 100 && lines.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("echoes the caller's correlation id and logs the request's lines and its completion with it", async () => {
    await start('info');
    const response = await fetch(`${url}/api/v1/things?page=2`, { headers: { 'x-correlation-id': 'batch-7:row-3' } });
    expect(response.headers.get('x-correlation-id')).toBe('batch-7:row-3');
    await untilLines(2);
    expect(listened).toEqual([1]);
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, correlationId: 'batch-7:row-3', msg: 'handling' }),
      expect.objectContaining({
        level: 30,
        correlationId: 'batch-7:row-3',
        msg: 'request completed',
        req: { method: 'GET', url: '/api/v1/things?page=2' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number) as number,
      }),
    ]);
  });

  it('makes a fresh id when none (or a bad one) is sent, and logs a 5xx as an error', async () => {
    await start('info');
    const response = await fetch(`${url}/status/503`, { headers: { 'x-correlation-id': 'not a token' } });
    const id = response.headers.get('x-correlation-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await untilLines(2);
    expect(lines[1]).toEqual(expect.objectContaining({ level: 50, correlationId: id, msg: 'request errored', res: { statusCode: 503 } }));
  });

  it('logs no completion line for probes and scrapers (/health, /metrics)', async () => {
    await start('info');
    await fetch(`${url}/health`);
    await fetch(`${url}/metrics`);
    await fetch(`${url}/api/v1/after`);
    await untilLines(4);
    expect(lines.map((line) => line.msg)).toEqual(['handling', 'handling', 'handling', 'request completed']);
  });

  it('at silent still gives every request its id, and waits for no answer to log it', async () => {
    await start('silent');
    const response = await fetch(`${url}/api/v1/quiet`);
    expect(response.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(listened).toEqual([0]);
    expect(lines).toEqual([]);
  });
});
