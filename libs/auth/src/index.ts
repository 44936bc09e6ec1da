export * from './principal';
export * from './tokens';
export * from './users';
export * from './settings';
export * from './auth.guard';
