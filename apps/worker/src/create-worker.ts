import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, REDIS } from '@claimdesk/platform';
import Redis from 'ioredis';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { WorkerModule } from './worker.module';

/** Boots the worker context and checks that PostgreSQL and Redis answer before it takes work. */
export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.get(DataSource).query('SELECT 1');
  await app.get<Redis>(REDIS).ping();
  return app;
}
