export * from './envelope';
export * from './topics';
export * from './vocabulary';
export * from './events';
export * from './errors';
export * from './decider';
export * from './asyncapi';
export * from './instants';
