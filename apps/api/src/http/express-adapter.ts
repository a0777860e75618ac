import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import * as http from 'node:http';
import * as https from 'node:https';

/** Express's application, with the two objects its types do not declare. */
type ExpressApp = http.RequestListener & { request: object; response: object };

/**
 * Nest's Express adapter, with one change: the HTTP server builds each request and response
 * with Express's prototypes from the start (ADR 8).
 *
 * Express gives every request and response its prototypes (`app.request`, `app.response`) as it
 * routes them, with `Object.setPrototypeOf` in `app.handle`. On V8 that kept each request's
 * whole object graph alive through the next minor collections: about 3 MB survived each
 * scavenge, and the scavenges paused the API for 5 to 20 ms. Here two classes, made once,
 * inherit from Express's objects and take their place as `app.request` and `app.response`;
 * Node's server builds requests and responses from them, so Express's `setPrototypeOf` finds
 * the prototype already in place and changes nothing, and the requests die young.
 */
export class PrototypedExpressAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    // These two options install behaviour of the base class on its own server: keep its path.
    if (options.return503OnClosing || options.forceCloseConnections) return super.initHttpServer(options);
    const app = this.getInstance<ExpressApp>();
    class ExpressRequest extends http.IncomingMessage {}
    class ExpressResponse extends http.ServerResponse {}
    Object.setPrototypeOf(ExpressRequest.prototype, app.request);
    Object.setPrototypeOf(ExpressResponse.prototype, app.response);
    app.request = ExpressRequest.prototype;
    app.response = ExpressResponse.prototype;
    const classes = { IncomingMessage: ExpressRequest, ServerResponse: ExpressResponse };
    this.httpServer = options.httpsOptions ? https.createServer({ ...options.httpsOptions, ...classes }, app) : http.createServer(classes, app);
  }
}
