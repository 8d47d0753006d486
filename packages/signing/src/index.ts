export * from './xades/constants.ts';
export * from './xades/sign.ts';
export * from './xades/verify.ts';
