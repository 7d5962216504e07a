export * from './decider-stream';
export * from './event-topic';
export * from './topic-reader';
