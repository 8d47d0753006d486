export * from './heartbeat.ts';
