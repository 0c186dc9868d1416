import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import {
  AppConfig,
  ConfigModule,
  createValidationPipe,
  DatabaseModule,
  IdempotencyInterceptor,
  LoggingModule,
  MetricsModule,
  ProblemFilter,
  RedisModule,
} from '@claimdesk/platform';
import { ActorsApiModule } from './actors/actors-api.module';
import { AuthApiModule } from './auth/auth-api.module';
import { ClaimsApiModule } from './claims/claims-api.module';
import { HealthModule } from './health/health.module';
import { MetricsController } from './metrics/metrics.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        MetricsModule,
        DatabaseModule,
        RedisModule,
        HealthModule,
        AuthApiModule,
        ActorsApiModule,
        ClaimsApiModule,
      ],
      controllers: [MetricsController],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
