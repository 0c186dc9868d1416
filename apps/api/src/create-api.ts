import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig, PROBLEM_CONTENT_TYPE, requestIdFor, toProblem } from '@claimdesk/platform';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { buildOpenApi } from './docs/openapi';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the API application; main.ts listens on it, the e2e tests `init()` it and inject requests. */
export async function createApi(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: true,
    genReqId: requestIdFor,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    (request.raw as typeof request.raw & { id?: string }).id = request.id;
    void reply.header('x-request-id', request.id);
  });
  // Errors raised by Fastify itself (unparseable JSON, wrong content type, oversized body) never reach Nest's filters.
  fastify.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request);
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:', 'validator.swagger.io'],
        scriptSrc: [`'self'`, `'unsafe-inline'`],
      },
    },
  });
  app.enableCors({
    origin: config.CORS_ORIGINS ? config.CORS_ORIGINS.split(',').map((origin) => origin.trim()) : false,
    exposedHeaders: ['etag', 'x-request-id', 'idempotent-replayed', 'retry-after'],
  });

  SwaggerModule.setup('docs', app, buildOpenApi(app), { jsonDocumentUrl: 'docs-json' });
  return app;
}
