import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MetricsModule } from '../metrics/metrics.module';
import { JobWorkers } from './job-workers.service';
import { OutboxReceipts } from './outbox-receipts';

/** Imported by the worker app only: the API enqueues jobs but never runs them. */
@Module({
  imports: [DiscoveryModule, MetricsModule],
  providers: [JobWorkers, OutboxReceipts],
})
export class JobWorkersModule {}
