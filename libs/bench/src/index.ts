export * from './result';
export * from './run';
export * from './compare';
export * from './format';
export * from './summary';
export * from './curve-svg';
