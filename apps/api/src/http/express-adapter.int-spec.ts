import { Controller, Get, Module, Req, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Request } from 'express';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { PrototypedExpressAdapter } from './express-adapter';

@Controller()
class EchoController {
  @Get('echo')
  echo(@Req() request: Request): { header: string | undefined; path: string } {
    return { header: request.get('x-echo'), path: request.path };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

describe('PrototypedExpressAdapter (ADR 8)', () => {
  let app: INestApplication;
  let url: string;
  const arrived: Array<{ request: object | null; response: object | null }> = [];

  beforeAll(async () => {
    app = await NestFactory.create(EchoModule, new PrototypedExpressAdapter(), { logger: false });
    // Seen before Express routes the request, i.e. before its own Object.setPrototypeOf.
    (app.getHttpServer() as Server).prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
      arrived.push({ request: Object.getPrototypeOf(request) as object, response: Object.getPrototypeOf(response) as object });
    });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
  });

  it("builds each request and response with Express's prototypes, so Express has nothing to change", async () => {
    const response = await fetch(`${url}/echo`, { headers: { 'x-echo': 'hello' } });
    expect(response.status).toBe(200);
    const express = app.getHttpAdapter().getInstance() as { request: object; response: object };
    expect(arrived).toHaveLength(1);
    expect(arrived[0].request).toBe(express.request);
    expect(arrived[0].response).toBe(express.response);
  });

  it("serves Express's request and response methods as before", async () => {
    const response = await fetch(`${url}/echo?x=1`, { headers: { 'x-echo': 'again' } });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ header: 'again', path: '/echo' });
  });
});
