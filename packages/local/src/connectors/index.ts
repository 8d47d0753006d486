export * from './demo.ts';
export * from './insurer-platform-fake.ts';
