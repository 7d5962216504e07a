export * from './asyncapi';
export * from './catalog';
export * from './compatibility';
export * from './contracts';
export * from './event-schemas';
export * from './json-schema';
