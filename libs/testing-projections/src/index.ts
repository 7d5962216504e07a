export * from './view-harness';
export * from './search-index-under-test';
export * from './context-stack';
