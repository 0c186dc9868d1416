export * from './actions';
export * from './jobs/review-event.handler';
export * from './jobs/review-jobs.module';
export * from './notes';
export * from './queue';
export * from './timers/review-timers.service';
export * from './timers/review-timer.handler';
export * from './auto-assign/auto-assigner.service';
