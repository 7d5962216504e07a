export * from './access-table';
export * from './caller';
export * from './client-auth';
export * from './guard';
export * from './tls';
export * from './token-verifier';
export * from './server-security';
export * from './forbidden';
