export * from './kafkajs/kafkajs-messaging';
export * from './ports';
export * from './namespaced';
