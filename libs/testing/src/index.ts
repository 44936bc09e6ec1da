export * from './engines';
export * from './fixtures';
