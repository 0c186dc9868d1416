import { Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay.service';

/** The relay from the events table to BullMQ; imported by the worker only. Needs QueueModule and DatabaseModule. */
@Module({
  providers: [OutboxRelay],
  exports: [OutboxRelay],
})
export class OutboxModule {}
