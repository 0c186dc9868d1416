import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig } from '../config/app-config';
import { requestIdFor } from './request-id';
import { RequestSampler } from './request-sampler';

interface LoggedRequest {
  id?: string;
  method?: string;
  url?: string;
  remoteAddress?: string;
  headers?: Record<string, unknown>;
}

/** Query parameters and headers that carry credentials: never logged in clear. */
const SECRET_NAME = /token|key|secret|password|signature|session|csrf|auth|code/i;
const SECRET_HEADERS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-csrf-token',
  'x-api-key',
  'proxy-authorization',
];

/** Browsers pass short-lived tokens in the query (SSE); keep them and anything like them out of logs. */
export function withoutQueryTokens(url: string): string {
  return url.replace(/([?&]([^=&#]*)=)([^&#]*)/g, (whole, prefix: string, name: string) =>
    SECRET_NAME.test(decodeURIComponentSafe(name)) ? `${prefix}[redacted]` : whole,
  );
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A parsed query (pino-http logs `req.query`) with credential-like values replaced. */
export function withoutSecretFields(fields: unknown): unknown {
  if (!fields || typeof fields !== 'object') return fields;
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [name, SECRET_NAME.test(name) ? '[redacted]' : value]),
  );
}

/** The request as pino serialises it, wherever it does: URL, query and credential headers redacted. */
export function redactRequest<T extends { url?: string; query?: unknown; headers?: Record<string, unknown> }>(
  request: T,
): T {
  const headers = request.headers
    ? Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [
          name,
          SECRET_HEADERS.includes(name.toLowerCase()) ? '[redacted]' : value,
        ]),
      )
    : request.headers;
  return {
    ...request,
    ...(request.url ? { url: withoutQueryTokens(request.url) } : {}),
    ...(request.query ? { query: withoutSecretFields(request.query) } : {}),
    ...(headers ? { headers } : {}),
  };
}

/** pino logs carrying the request id that the HTTP layer assigned (see create-api.ts). */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        // Headers only when debugging: at info a line is the request, its status and its time.
        const withHeaders = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';
        const sampler = new RequestSampler(config.LOG_REQUESTS_PER_SECOND);
        return {
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
              req: (request: LoggedRequest) => {
                const safe = redactRequest(request);
                return withHeaders
                  ? safe
                  : { id: safe.id, method: safe.method, url: safe.url, remoteAddress: safe.remoteAddress };
              },
              res: (response: { statusCode?: number; headers?: Record<string, unknown> }) =>
                withHeaders ? response : { statusCode: response.statusCode },
            },
            customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
              error || response.statusCode >= 500
                ? 'error'
                : response.statusCode >= 400
                  ? 'warn'
                  : sampler.take()
                    ? 'info'
                    : 'silent',
            autoLogging: {
              ignore: (request: IncomingMessage) => request.url?.startsWith('/health') ?? false,
            },
          },
        };
      },
    }),
  ],
})
export class LoggingModule {}
