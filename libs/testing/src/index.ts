export * from './engines';
export * from './fixtures';
export * from './decider-spec';
export * from './tcp-proxy';
