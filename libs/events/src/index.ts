export * from './domain-event.entity';
export * from './event-types';
export * from './events.module';
export * from './events.service';
export * from './dto/audit-event.view';
export * from './dto/audit-events.query';
export * from './dto/history-entry.schema';
