import { connect, type Socket } from 'node:net';
import type { Reply } from './http-load';

/**
 * One keep-alive HTTP/1.1 connection with one request in flight, written and read by hand: the
 * load clients of bench:api share the 2 cores with the app they measure, and node:http's client
 * took about a tenth of the machine at 400 commands/s (its request and response objects, header
 * validation, the agent's socket bookkeeping). Real clients run elsewhere; this one costs a
 * request line, a few headers and one JSON.parse per call. It understands what the API answers:
 * a status line, headers with Content-Length, and the body; anything else fails the call.
 */
export class RawHttpConnection {
  private socket: Socket | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private pending: { resolve: (reply: Reply) => void; reject: (error: Error) => void; t0: number } | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly fixedHeaders: Record<string, string> = {},
  ) {}

  call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    if (this.pending) return Promise.reject(new Error('RawHttpConnection: one request at a time'));
    const payload = body === undefined ? '' : JSON.stringify(body);
    let head = `${method} ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n`;
    for (const [name, value] of Object.entries(this.fixedHeaders)) head += `${name}: ${value}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    if (payload) head += `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n`;
    const socket = this.connected();
    return new Promise<Reply>((resolve, reject) => {
      this.pending = { resolve, reject, t0: performance.now() };
      socket.write(`${head}\r\n${payload}`);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  /** The open socket, or a new one (the server may close an idle connection). */
  private connected(): Socket {
    if (this.socket && !this.socket.destroyed) return this.socket;
    const socket = connect(this.port, this.host);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.received(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => {
      if (this.socket === socket) this.socket = null;
      this.fail(new Error('the server closed the connection'));
    });
    this.buffer = Buffer.alloc(0);
    this.socket = socket;
    return socket;
  }

  private received(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const headEnd = this.buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = this.buffer.toString('latin1', 0, headEnd);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) {
      this.fail(new Error(`an answer without Content-Length: ${head.slice(0, 200)}`));
      this.close();
      return;
    }
    const end = headEnd + 4 + Number(length[1]);
    if (this.buffer.length < end) return;
    const text = this.buffer.toString('utf8', headEnd + 4, end);
    this.buffer = this.buffer.subarray(end);
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    pending.resolve({ status: Number(head.slice(9, 12)), body: parsed, ms: performance.now() - pending.t0 });
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }
}
