export * from './client';
export * from './versioned-index';
export * from './credentials';
