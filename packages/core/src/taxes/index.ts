export * from './compute.ts';
export * from './model.ts';
export * from './rules.ts';
export * from './sat-catalogs.ts';
export * from './validate-taxes.ts';
