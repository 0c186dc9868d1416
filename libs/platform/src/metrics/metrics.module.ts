import { Global, Module } from '@nestjs/common';
import { Metrics } from './metrics';

@Global()
@Module({ providers: [{ provide: Metrics, useFactory: () => Metrics.forProcess() }], exports: [Metrics] })
export class MetricsModule {}
