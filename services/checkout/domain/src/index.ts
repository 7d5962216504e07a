export * from './commands';
export * from './inputs';
export * from './react';
export * from './state';
export { isCheckoutStep, isCompensationStep, refusalMeansDone } from './steps';
