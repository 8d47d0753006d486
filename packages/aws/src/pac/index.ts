export * from './sw-sapien-pac.ts';
