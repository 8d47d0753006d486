export * from './software-signer.ts';
export * from './xades/constants.ts';
export * from './xades/sign.ts';
