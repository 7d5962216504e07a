export * from './decider-stream';
export * from './event-topic';
export * from './platform-topic-watch';
export * from './topic-namespace';
export * from './topic-reader';
