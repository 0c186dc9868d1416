export * from './build-claim-review';
export * from './claim-review.module';
export * from './claim-review.service';
export * from './dto/claim-review.view';
export * from './dto/claim-reviews-query.dto';
export * from './pages/fact-check-pages';
export * from './pages/html';
