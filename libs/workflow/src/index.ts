export * from './edits';
export * from './refusals';
export * from './verdicts';
export * from './workflow';
