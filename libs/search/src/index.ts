export * from './client';
export * from './versioned-index';
