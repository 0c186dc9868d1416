import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';

/**
 * Nest's logs through the process's root pino logger (`createRootLogger`). In the API, Fastify
 * owns the request loggers (`useExisting`): nestjs-pino binds each request's logger, which
 * carries the request id, for the logs made while serving it.
 */
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: { logger },
          useExisting: true,
        }),
      ],
    };
  }
}
