export * from './ids';
export * from './metrics';
export * from './operator';
export * from './outcome';
export * from './runtime';
export * from './saga';
export * from './store';
export * from './tables';
