import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { RecertConfig } from './config/recert-config';
import { serveConsole } from './console/serve-console';
import { mountBullBoard } from './jobs/bull-board';

/** Builds the HTTP application; `main.ts` listens, the end-to-end tests listen on a free port. */
export async function createApp(config: RecertConfig): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), {
    bufferLogs: true,
    ...(config.LOG_LEVEL === 'silent' ? { logger: false } : {}),
  });
  // Nest's own logs, and every `new Logger(...)`, go out as pino JSON at LOG_LEVEL.
  app.useLogger(app.get(PinoLogger));
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
