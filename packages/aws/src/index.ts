export * from './dynamo/table-schema.ts';
