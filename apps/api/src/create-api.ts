import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import {
  answerNotModified,
  answerUnavailableWhileClosing,
  AppConfig,
  BODY_LIMIT_BYTES,
  clientErrorHandler,
  createRootLogger,
  frameworkErrors,
  Metrics,
  RequestLog,
  RequestSampler,
  requestIdFor,
  tagVersionedResponses,
  useBoundedJsonParser,
} from '@claimdesk/platform';
import { Logger } from 'nestjs-pino';
import { useApiSecurityHeaders } from './api-headers';
import { AppModule } from './app.module';
import { serveDashboard } from './dashboard/serve-dashboard';
import { buildOpenApi } from './docs/openapi';
import { recordHttpMetrics } from './metrics/metrics.http';

/** Builds the API application; main.ts listens on it, the e2e tests `init()` it and inject requests. */
export async function createApi(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createRootLogger(config);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new RequestLog(new RequestSampler(config.LOG_REQUESTS_PER_SECOND)),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    genReqId: requestIdFor,
    frameworkErrors,
    clientErrorHandler,
    return503OnClosing: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger), adapter, {
    bufferLogs: true,
    // Throw instead of exiting on a wiring error, so main.ts reports it in one line and tests fail instead of dying.
    abortOnError: false,
    // Fastify's own JSON parser stays; Nest's extra url-encoded parser would let form bodies through.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  // The API speaks JSON only: any other body type is answered 415 instead of being half-parsed.
  fastify.removeContentTypeParser(['text/plain']);
  useBoundedJsonParser(fastify, BODY_LIMIT_BYTES);
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  tagVersionedResponses(fastify);
  answerNotModified(fastify);
  answerUnavailableWhileClosing(fastify);
  recordHttpMetrics(fastify, app.get(Metrics));
  // Parses cookies for the browser session (auth routes, /admin/queues); nothing is signed with it.
  await app.register(cookie);
  useApiSecurityHeaders(fastify);
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
    exposedHeaders: ['etag', 'x-request-id', 'idempotent-replayed', 'retry-after', 'www-authenticate'],
  });

  SwaggerModule.setup('docs', app, buildOpenApi(app), { jsonDocumentUrl: 'docs-json' });
  await serveDashboard(fastify, config.DASHBOARD_DIR);
  return app;
}
