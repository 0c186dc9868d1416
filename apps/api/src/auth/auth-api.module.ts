import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import {
  AuthGuard,
  AuthModule,
  BatchedThrottlerStorage,
  PrincipalThrottlerGuard,
  RedisThrottlerStorage,
} from '@claimdesk/auth';
import { NotificationsModule } from '@claimdesk/notifications';
import { AppConfig, REDIS } from '@claimdesk/platform';
import Redis from 'ioredis';
import { AdminBootstrap } from './admin-bootstrap';
import { ApiKeysController } from './api-keys.controller';
import { AuthController } from './auth.controller';
import { MeController } from './me.controller';
import { UsersController } from './users.controller';

@Module({
  imports: [
    AuthModule,
    NotificationsModule,
    ThrottlerModule.forRootAsync({
      inject: [REDIS, AppConfig],
      useFactory: (redis: Redis, config: AppConfig) => {
        const shared = new RedisThrottlerStorage(redis, config.QUEUE_PREFIX);
        return {
          throttlers: [{ name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }],
          storage:
            config.RATE_LIMIT_SYNC_MS > 0
              ? new BatchedThrottlerStorage(shared, config.RATE_LIMIT_SYNC_MS)
              : shared,
        };
      },
    }),
  ],
  controllers: [AuthController, MeController, UsersController, ApiKeysController],
  providers: [
    // Order matters: the throttler keys its budget by the principal the auth guard resolved.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: PrincipalThrottlerGuard },
    AdminBootstrap,
  ],
})
export class AuthApiModule {}
