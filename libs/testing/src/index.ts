export * from './eventually';
export * from './postgres';
export * from './servers';
export * from './unique';
export * from './processes';
export * from './stack-control';
export * from './redis-server';
export * from './tcp-proxy';
