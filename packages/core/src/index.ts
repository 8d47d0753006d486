export * from './errors.ts';
export * from './ports/clock.ts';
export * from './ports/ids.ts';
export * from './ports/signer.ts';
export * from './shared/page.ts';
