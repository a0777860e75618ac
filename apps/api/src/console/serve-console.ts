import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Paths the API owns; everything else that a browser GETs is the console's (a single-page app). */
const API_PATHS = /^\/(api|docs|docs-json|health|metrics|admin)(\/|$)/;

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Recert</title></head>
<body><main><h1>Recert</h1><p>The staff console is not built. Run <code>npm run build</code> (npm start does it), or open the API's documentation at <a href="/docs">/docs</a>.</p></main></body></html>`;

/**
 * Serves the built console at `/`: its hashed assets with a long cache life, and index.html for
 * every other browser path (`/certificants/123`, `/verify/ABC`), so deep links and reloads work.
 */
export function serveConsole(app: INestApplication, directory: string): void {
  const root = resolve(directory);
  const index = join(root, 'index.html');
  const built = existsSync(index);
  const http = app.getHttpAdapter().getInstance() as express.Express;
  if (built) http.use('/assets', express.static(join(root, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  http.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || API_PATHS.test(request.path)) return next();
    response.setHeader('cache-control', 'no-cache');
    if (!built) return void response.type('html').send(NOT_BUILT);
    response.sendFile(index);
  });
}
