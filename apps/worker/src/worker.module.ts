import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule, DatabaseModule, LoggingModule, RedisModule } from '@claimdesk/platform';

/** The worker: BullMQ processors and schedulers over the same feature libraries the API uses. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), LoggingModule, DatabaseModule, RedisModule],
    };
  }
}
