import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';

/**
 * Nest's logs through the process's root pino logger (`createRootLogger`). In the API, Fastify
 * owns the request loggers and writes each request's line with its id (RequestLog). nestjs-pino
 * binds no request logger (`forRoutes: []`): it would do so through AsyncLocalStorage, whose
 * promise hook costs every request (docs/performance.md, eleventh pass). A log that belongs to a
 * request names its id itself (the problem filter's).
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
          forRoutes: [],
        }),
      ],
    };
  }
}
