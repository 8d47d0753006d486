export * from './dates.ts';
export * from './import-by-reference.ts';
export * from './page.ts';
export * from './texts.ts';
export * from './xml-text.ts';
