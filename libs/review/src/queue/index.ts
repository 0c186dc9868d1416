export * from './assign-claim';
export * from './dto/review-queue.query';
export * from './dto/review-queue.view';
export * from './queue-cursor';
export * from './review-queue.module';
export * from './review-queue.service';
