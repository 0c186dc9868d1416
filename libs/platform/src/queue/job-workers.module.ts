import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobWorkers } from './job-workers.service';

/** Imported by the worker app only: the API enqueues jobs but never runs them. */
@Module({
  imports: [DiscoveryModule],
  providers: [JobWorkers],
})
export class JobWorkersModule {}
