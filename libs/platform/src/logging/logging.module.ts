import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../config/app-config';
import { requestIdFor } from './request-id';

/** Browsers pass short-lived tokens in the query (SSE, the queue dashboard); keep them out of logs. */
export function withoutQueryTokens(url: string): string {
  return url.replace(/([?&](?:token|access_token)=)[^&#]*/gi, '$1[redacted]');
}

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
            paths: [
              'req.headers.authorization',
              'req.headers.cookie',
              'res.headers["set-cookie"]',
              '*.password',
              '*.secret',
              '*.key',
            ],
            censor: '[redacted]',
          },
          serializers: {
            req: (request: { url?: string }) =>
              request.url ? { ...request, url: withoutQueryTokens(request.url) } : request,
          },
          autoLogging: { ignore: (request: IncomingMessage) => request.url?.startsWith('/health') ?? false },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
