import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Problem, Public, REDIS } from '@claimdesk/platform';
import Redis from 'ioredis';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** The process is up. */
  @Get('live')
  @ApiOkResponse({ description: 'The process answers.' })
  live() {
    return { status: 'ok' };
  }

  /** PostgreSQL and Redis answer. */
  @Get('ready')
  @HealthCheck()
  @ApiServiceUnavailableResponse({ type: Problem, description: 'A dependency is down.' })
  ready() {
    return this.health.check([
      () => this.database.pingCheck('postgres', { timeout: 2000 }),
      async () => {
        const redis = this.indicators.check('redis');
        try {
          await this.redis.ping();
          return redis.up();
        } catch (error) {
          return redis.down({ message: (error as Error).message });
        }
      },
    ]);
  }
}
