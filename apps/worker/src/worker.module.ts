import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { OutboxModule } from '@claimdesk/outbox';
import {
  AppConfig,
  ConfigModule,
  DatabaseModule,
  JobWorkersModule,
  LoggingModule,
  QueueModule,
  RedisModule,
} from '@claimdesk/platform';
import { ReviewJobsModule } from '@claimdesk/review';
import { NotificationJobsModule } from '@claimdesk/notifications';
import { WebhooksJobsModule } from '@claimdesk/webhooks';

/** The worker: BullMQ processors and schedulers over the same feature libraries the API uses. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        DatabaseModule,
        RedisModule,
        QueueModule,
        JobWorkersModule,
        OutboxModule,
        ReviewJobsModule,
        NotificationJobsModule,
        WebhooksJobsModule,
      ],
    };
  }
}
