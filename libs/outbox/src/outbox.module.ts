import { Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxSweep } from './outbox-sweep.service';

/** The relay from the events table to BullMQ and the sweep behind it; imported by the worker only. Needs QueueModule and DatabaseModule. */
@Module({
  providers: [OutboxRelay, OutboxSweep],
  exports: [OutboxRelay, OutboxSweep],
})
export class OutboxModule {}
