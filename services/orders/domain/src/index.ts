export * from './commands';
export * from './decide';
export * from './decider';
export * from './events';
export * from './evolve';
export * from './parse';
export * from './state';
export * from './stream';
