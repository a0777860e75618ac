import type { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Request, Response } from 'express';
import { adminFromSessionCookie } from '../auth/session-cookie';
import { Sessions } from '../auth/sessions';
import { BullJobQueue, JobQueue } from './job-queue';

export const BULL_BOARD_PATH = '/admin/queues';

const NO_BULLMQ = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>No queues</title></head><body><main><h1>No queues</h1>
<p>Jobs run inside this process because Redis is not configured or not reachable, so there are no BullMQ queues to show; set REDIS_URL to a reachable Redis and restart to use the queue board.</p></main></body></html>`;

/**
 * Bull Board for operators at /admin/queues (outside /api/v1), admins only, signed in by the
 * `recert_session` cookie the login sets (a browser opening the board sends no bearer header).
 * Mounted only when BullMQ carries the jobs; in-process, the path answers 404 with a sentence.
 */
export function mountBullBoard(app: INestApplication): void {
  const jobs = app.get(JobQueue);
  const guard = adminFromSessionCookie(app.get(Sessions));
  if (!(jobs instanceof BullJobQueue)) {
    app.use(BULL_BOARD_PATH, guard, (_request: Request, response: Response) => void response.status(404).type('html').send(NO_BULLMQ));
    return;
  }
  const serverAdapter = new ExpressAdapter().setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: jobs.queues.map((queue) => new BullMQAdapter(queue)),
    // @bull-board/express 9.10.1 brings its own copy of @bull-board/api 9.10.1 (ours is 9.10.2): the
    // same interface, declared twice. Aligning the two versions in package.json removes this cast.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
  });
  app.use(BULL_BOARD_PATH, guard, serverAdapter.getRouter());
}
