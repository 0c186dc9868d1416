import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { JobQueue } from './job-queue.service';
import { QUEUE_NAMES } from './job-registry';

/** How BullMQ reaches Redis; shared by queues (API and worker) and workers (worker only). */
export function bullConnection(config: AppConfig): { url: string } {
  return { url: config.REDIS_URL };
}

/**
 * Registers every queue of the registry under `QUEUE_PREFIX` and provides `JobQueue` to enqueue
 * into them. Imported once by each app; processing jobs is JobWorkersModule's business.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: bullConnection(config),
        prefix: config.QUEUE_PREFIX,
      }),
    }),
    BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name }))),
  ],
  providers: [
    {
      provide: JobQueue,
      inject: QUEUE_NAMES.map((name) => getQueueToken(name)),
      useFactory: (...queues: Queue[]) =>
        new JobQueue(new Map(QUEUE_NAMES.map((name, index) => [name, queues[index]]))),
    },
  ],
  exports: [JobQueue],
})
export class QueueModule {}
