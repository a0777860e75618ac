import { createServer, type Server } from 'node:net';
import { pingRedis } from './redis-ping';

/** A fake Redis speaking just enough RESP: it answers PING, and AUTH with the right password. */
async function fakeRedis(reply: (command: string) => string | null): Promise<{ url: string; server: Server }> {
  const server = createServer((socket) => {
    socket.on('data', (chunk) => {
      for (const line of chunk.toString().split('\r\n')) {
        const answer = reply(line);
        if (answer) socket.write(answer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `redis://127.0.0.1:${address.port}`, server };
}

describe('pingRedis', () => {
  it('resolves when Redis answers PONG', async () => {
    const { url, server } = await fakeRedis((line) => (line === 'PING' ? '+PONG\r\n' : null));
    try {
      await expect(pingRedis(url, 1_000)).resolves.toBeGreaterThanOrEqual(0);
    } finally {
      server.close();
    }
  });

  it('rejects with Redis\'s own refusal, e.g. a wrong password', async () => {
    const { url, server } = await fakeRedis((line) => (line === 'AUTH' ? '-WRONGPASS invalid password\r\n' : null));
    try {
      await expect(pingRedis(url.replace('redis://', 'redis://:nope@'), 1_000)).rejects.toThrow('refused: WRONGPASS');
    } finally {
      server.close();
    }
  });

  it('rejects after the timeout when nothing answers', async () => {
    const { url, server } = await fakeRedis(() => null);
    try {
      await expect(pingRedis(url, 100)).rejects.toThrow('did not answer within 100 ms');
    } finally {
      server.close();
    }
  });

  it('rejects when nothing listens', async () => {
    await expect(pingRedis('redis://127.0.0.1:1', 1_000)).rejects.toThrow('unreachable');
  });
});
