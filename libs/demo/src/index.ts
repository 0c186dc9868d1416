export * from './demo-desk.data';
export * from './demo-desk.loader';
