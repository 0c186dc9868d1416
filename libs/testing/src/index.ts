export * from './test-api';
export * from './sessions';
