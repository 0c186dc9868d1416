export * from './outbox-relay.service';
export * from './outbox-subscribers';
export * from './outbox-sweep.service';
export * from './outbox.module';
