export * from './test-api';
export * from './sessions';
export * from './test-worker';
export * from './wait-for';
export * from './test-smtp';
export * from './session-requests';
export * from './prepared-statements';
