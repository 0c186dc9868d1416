export * from './verdicts';
export * from './workflow';
