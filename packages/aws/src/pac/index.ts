export * from '../secrets/secrets-manager.ts';
export * from './sw-sapien-pac.ts';
