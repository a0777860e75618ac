import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

function command(...parts: string[]): string {
  return `*${parts.length}\r\n${parts.map((part) => `$${Buffer.byteLength(part)}\r\n${part}\r\n`).join('')}`;
}

/**
 * PINGs the Redis at `url` over a fresh socket (AUTH first when the URL has a password) and
 * resolves with the round trip in ms; rejects with a sentence when Redis does not answer PONG
 * within `timeoutMs`. A raw socket keeps /health free of a Redis client of its own.
 */
export async function pingRedis(url: string, timeoutMs: number): Promise<number> {
  const target = new URL(url);
  const port = Number(target.port || 6379);
  const host = target.hostname || '127.0.0.1';
  const password = decodeURIComponent(target.password);
  const username = decodeURIComponent(target.username);
  const started = Date.now();
  const socket: Socket =
    target.protocol === 'rediss:' ? connectTls({ host, port, servername: host }) : connectTcp({ host, port });
  const auth = password ? (username ? command('AUTH', username, password) : command('AUTH', password)) : '';
  try {
    await new Promise<void>((resolve, reject) => {
      let received = '';
      const timer = setTimeout(() => reject(new Error(`Redis at ${host}:${port} did not answer within ${timeoutMs} ms.`)), timeoutMs);
      const finish = (error?: Error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      socket.once('error', (error) => finish(new Error(`Redis at ${host}:${port} is unreachable: ${error.message}`)));
      socket.on('data', (chunk) => {
        received += chunk.toString('utf8');
        const refusal = /^-([^\r\n]*)\r\n/m.exec(received);
        if (refusal) finish(new Error(`Redis at ${host}:${port} refused: ${refusal[1]}`));
        if (received.includes('+PONG\r\n')) finish();
      });
      socket.write(`${auth}${command('PING')}`);
    });
    return Date.now() - started;
  } finally {
    socket.destroy();
  }
}
