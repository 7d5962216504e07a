export * from './kafkajs/kafkajs-messaging';
export * from './ports';
export * from './namespaced';
export * from './trace-context';
export { useLeanKafkaEncoding } from './kafkajs/lean-encoder';
