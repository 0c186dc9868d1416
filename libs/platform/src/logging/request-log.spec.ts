import { Controller, Get, HttpCode, Logger as NestLogger, Module, Param, Provider } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { Writable } from 'node:stream';
import type { AppConfig } from '../config/app-config';
import { ProblemFilter } from '../errors/problem.filter';
import { LoggingModule } from './logging.module';
import { RequestLog } from './request-log';
import { RequestSampler } from './request-sampler';
import { createRootLogger } from './root-logger';

@Controller()
class ProbeController {
  private readonly logger = new NestLogger('Probe');

  @Get('health/live')
  live(): string {
    return 'ok';
  }

  @Get('items/:id')
  item(@Param('id') id: string): { id: string } {
    this.logger.log(`serving ${id}`);
    return { id };
  }

  @Get('missing')
  @HttpCode(404)
  missing(): string {
    return 'nothing here';
  }

  @Get('broken')
  broken(): never {
    throw new Error('the handler broke');
  }
}

type Line = Record<string, unknown> & { msg?: string; level?: number; reqId?: string };

// nestjs-pino keeps the first logger it is given for the process's Nest logs, as the API has one
// app per process; so every app here writes to one destination, which fills the newest app's lines.
let current: Line[] = [];
const destination = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const text of chunk.toString('utf8').split('\n').filter(Boolean))
      current.push(JSON.parse(text) as Line);
    done();
  },
});

/** A Nest app on Fastify logging the way the API does, into memory; the sampler's clock is frozen. */
async function appLoggingTo(
  level: AppConfig['LOG_LEVEL'],
  perSecond: number,
  providers: Provider[] = [],
): Promise<{ app: NestFastifyApplication; lines: Line[] }> {
  const lines: Line[] = [];
  current = lines;
  const logger = createRootLogger({ LOG_LEVEL: level }, destination);
  @Module({ imports: [LoggingModule.forRoot(logger)], controllers: [ProbeController], providers })
  class ProbeModule {}
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new RequestLog(new RequestSampler(perSecond, () => 1_000)),
  });
  const app = await NestFactory.create<NestFastifyApplication>(ProbeModule, adapter, { logger: false });
  app.useLogger(app.get(Logger));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, lines };
}

const completions = (lines: Line[]) =>
  lines.filter((line) => line.msg === 'request completed' || line.msg === 'request failed');

describe('request log', () => {
  let app: NestFastifyApplication;
  afterEach(async () => app?.close());

  it('logs a finished request once, by status, with its request id and no headers, and never /health', async () => {
    const started = await appLoggingTo('info', 0);
    app = started.app;
    const inject = (url: string) =>
      app.inject({
        method: 'GET',
        url,
        headers: { 'x-request-id': `id-${url.length}`, authorization: 'Bearer s3cret' },
      });
    expect((await inject('/items/7?token=abc')).statusCode).toBe(200);
    expect((await inject('/missing')).statusCode).toBe(404);
    expect((await inject('/broken')).statusCode).toBe(500);
    expect((await inject('/health/live')).statusCode).toBe(200);

    const [ok, missing, broken, ...rest] = completions(started.lines);
    expect(rest).toEqual([]);
    expect(ok).toMatchObject({
      level: 30,
      req: { method: 'GET', url: '/items/7?token=[redacted]' },
      res: { statusCode: 200 },
    });
    expect(typeof ok.responseTime).toBe('number');
    expect(ok.req).not.toHaveProperty('headers');
    expect(missing).toMatchObject({ level: 40, res: { statusCode: 404 } });
    expect(broken).toMatchObject({ level: 50, res: { statusCode: 500 } });
    expect(new Set([ok.reqId, missing.reqId, broken.reqId]).size).toBe(3);
    expect(JSON.stringify(started.lines)).not.toContain('s3cret');
  });

  it('names the request id on the error a failed request logs, beside its request line', async () => {
    const started = await appLoggingTo('info', 0, [{ provide: APP_FILTER, useClass: ProblemFilter }]);
    app = started.app;
    expect((await app.inject({ method: 'GET', url: '/broken' })).statusCode).toBe(500);
    const filtered = started.lines.find((line) => line.context === 'ProblemFilter');
    const [completed] = completions(started.lines).filter((line) => line.context === undefined);
    expect(filtered).toMatchObject({ level: 50, url: '/broken', err: { message: 'the handler broke' } });
    expect(typeof completed.reqId).toBe('string');
    expect(filtered?.reqId).toBe(completed.reqId);
  });

  it('logs a Nest log made while serving a request through the root logger', async () => {
    const started = await appLoggingTo('info', 0);
    app = started.app;
    expect((await app.inject({ method: 'GET', url: '/items/42' })).statusCode).toBe(200);
    expect(started.lines.find((line) => line.msg === 'serving 42')).toMatchObject({
      level: 30,
      context: 'Probe',
    });
  });

  it('lets only the sampled successes through, and every client error and failure', async () => {
    const started = await appLoggingTo('info', 2);
    app = started.app;
    for (let i = 0; i < 5; i++) await app.inject({ method: 'GET', url: `/items/${i}` });
    await app.inject({ method: 'GET', url: '/missing' });
    await app.inject({ method: 'GET', url: '/broken' });
    expect(completions(started.lines).map((line) => line.res)).toEqual([
      { statusCode: 200 },
      { statusCode: 200 },
      { statusCode: 404 },
      { statusCode: 500 },
    ]);
  });

  it('shows the headers, credentials redacted, only when debugging', async () => {
    const started = await appLoggingTo('debug', 0);
    app = started.app;
    await app.inject({
      method: 'GET',
      url: '/items/1',
      headers: {
        authorization: 'Bearer s3cret',
        cookie: 'claimdesk_refresh=crt_s3cret',
        accept: 'application/json',
      },
    });
    const [completed] = completions(started.lines);
    expect(completed.req).toMatchObject({
      headers: { authorization: '[redacted]', cookie: '[redacted]', accept: 'application/json' },
    });
    expect(completed.res).toMatchObject({ statusCode: 200, headers: expect.any(Object) });
    expect(started.lines.some((line) => line.msg === 'incoming request')).toBe(true);
    expect(JSON.stringify(started.lines)).not.toContain('s3cret');
  });
});
