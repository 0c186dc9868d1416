export * from './dto/published-version.view';
export * from './published-version';
export * from './publications.module';
export * from './publications.service';
