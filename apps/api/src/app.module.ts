import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import {
  AppConfig,
  ConfigModule,
  createValidationPipe,
  DatabaseModule,
  LoggingModule,
  MetricsModule,
  ProblemFilter,
  RedisModule,
  RouteMetadataModule,
} from '@claimdesk/platform';
import { ActorsApiModule } from './actors/actors-api.module';
import { AdminModule } from './admin/admin.module';
import { AuditApiModule } from './audit/audit-api.module';
import { AuthApiModule } from './auth/auth-api.module';
import { ClaimsApiModule } from './claims/claims-api.module';
import { HealthModule } from './health/health.module';
import { MetricsController } from './metrics/metrics.controller';
import { NotificationsApiModule } from './notifications/notifications-api.module';
import { ReviewActionsApiModule } from './review/review-actions-api.module';
import { ReviewQueueApiModule } from './review/review-queue-api.module';
import { WebhooksApiModule } from './webhooks/webhooks-api.module';
import { ClaimReviewApiModule } from './claim-review/claim-review-api.module';
import { SourcesApiModule } from './sources/sources-api.module';
import { PublicationsApiModule } from './publications/publications-api.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        MetricsModule,
        DatabaseModule,
        RedisModule,
        RouteMetadataModule,
        HealthModule,
        AuthApiModule,
        AuditApiModule,
        ActorsApiModule,
        ClaimsApiModule,
        NotificationsApiModule,
        ReviewQueueApiModule,
        ReviewActionsApiModule,
        AdminModule,
        WebhooksApiModule,
        ClaimReviewApiModule,
        SourcesApiModule,
        PublicationsApiModule,
      ],
      controllers: [MetricsController],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
