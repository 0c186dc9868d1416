import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../config/app-config';
import { requestIdFor } from './request-id';

/** pino logs carrying the request id that the HTTP layer assigned (see create-api.ts). */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          genReqId: (request: IncomingMessage & { id?: string }) => request.id ?? requestIdFor(request),
          redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.secret', '*.key'],
            censor: '[redacted]',
          },
          autoLogging: { ignore: (request: IncomingMessage) => request.url?.startsWith('/health') ?? false },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
