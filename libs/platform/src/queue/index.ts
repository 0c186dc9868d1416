export * from './job-handlers';
export * from './job-queue.service';
export * from './job-registry';
export * from './job-workers.module';
export * from './queue.module';
export * from './queue-metrics';
export * from './periodic-task';
