import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { setFlagsFromString } from 'node:v8';
import { Logger as PinoLogger, PinoLogger as RequestScopedLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { RecertConfig } from './config/recert-config';
import { serveConsole } from './console/serve-console';
import { PrototypedExpressAdapter } from './http/express-adapter';
import { mountBullBoard } from './jobs/bull-board';
import { requestLogging } from './operations/logging';

/** Builds the HTTP application; `main.ts` listens, the end-to-end tests listen on a free port. */
export async function createApp(config: RecertConfig): Promise<INestApplication> {
  // What a request allocates dies with it. V8's allocation-site pretenuring put some of it straight
  // into the old generation, where it kept its young neighbours alive through every scavenge (ADR 8).
  setFlagsFromString('--no-allocation-site-pretenuring');
  const app = await NestFactory.create(AppModule.forRoot(config), new PrototypedExpressAdapter(), {
    bufferLogs: true,
    ...(config.LOG_LEVEL === 'silent' ? { logger: false } : {}),
  });
  // Nest's own logs, and every `new Logger(...)`, go out as pino JSON at LOG_LEVEL.
  app.useLogger(app.get(PinoLogger));
  // First in line: every later middleware, guard and handler logs with the request's correlation id.
  app.use(requestLogging((await app.resolve<RequestScopedLogger<never>>(RequestScopedLogger)).logger));
  app.enableShutdownHooks();
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'metrics'] });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Recert')
      .setDescription('The recertification back office: commands in, queries out (api.md).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  mountBullBoard(app);
  serveConsole(app, config.RECERT_CONSOLE_DIR);
  return app;
}
