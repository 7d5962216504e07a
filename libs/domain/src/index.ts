export * from './assert-never';
export * from './decider';
export * from './errors';
export * from './ids';
export * from './money';
export * from './saga';
export * from './text';
export * from './privacy';
