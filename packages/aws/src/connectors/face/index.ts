export * from './face-connector.ts';
export * from './messages.ts';
export * from './wsse.ts';
