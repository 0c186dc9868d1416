import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '@claimdesk/events';
import { AppConfig, RouteMetadataModule } from '@claimdesk/platform';
import { ApiKey } from './api-key.entity';
import { ApiKeysService } from './api-keys.service';
import { AuthService } from './auth.service';
import { AuthGuard } from './guards/auth.guard';
import { PrincipalCache } from './guards/principal-cache';
import { LoginAttempts } from './login-attempts';
import { RefreshTokensService } from './sessions/refresh-tokens.service';
import { User } from './user.entity';
import { UsersService } from './users.service';

/** Users, API keys, sign-in and the guard. The API wires the guard globally (see apps/api/src/auth). */
@Module({
  imports: [
    RouteMetadataModule,
    TypeOrmModule.forFeature([User, ApiKey]),
    EventsModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: jsonwebtoken otherwise re-derives the key on every verify
        // (it shows as createPublicKey at the top of a CPU profile of authenticated requests).
        secret: createSecretKey(Buffer.from(config.jwtSecret)),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [
    UsersService,
    ApiKeysService,
    AuthService,
    LoginAttempts,
    RefreshTokensService,
    AuthGuard,
    PrincipalCache,
  ],
  exports: [UsersService, ApiKeysService, AuthService, AuthGuard, PrincipalCache],
})
export class AuthModule {}
