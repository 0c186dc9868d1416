import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, createRootLogger, REDIS } from '@claimdesk/platform';
import Redis from 'ioredis';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { WorkerModule } from './worker.module';

export interface CreateWorkerOptions {
  /**
   * Close on SIGTERM/SIGINT: the relay finishes its batch, BullMQ workers let running jobs finish,
   * then connections close. Tests that run several workers in one process turn this off and call
   * `close()` themselves.
   */
  handleSignals?: boolean;
}

/**
 * Boots the worker context. Start-up fails (and main.ts exits) when a job name lacks exactly one
 * handler, and when PostgreSQL or Redis does not answer.
 */
export async function createWorker(
  config: AppConfig,
  { handleSignals = true }: CreateWorkerOptions = {},
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(config, createRootLogger(config)),
    {
      bufferLogs: true,
      abortOnError: false,
    },
  );
  app.useLogger(app.get(Logger));
  if (handleSignals) app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  try {
    await app.get(DataSource).query('SELECT 1');
    await app.get<Redis>(REDIS).ping();
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
