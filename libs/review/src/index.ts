export * from './workflow';
export * from './actions';
export * from './jobs/review-event.handler';
export * from './jobs/review-jobs.module';
export * from './notes';
export * from './queue';
