export * from './demo-desk.data';
export * from './demo-desk.loader';
export * from './demo-desk.workflow';
