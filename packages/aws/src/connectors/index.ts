export * from './credentials-repository.ts';
export * from './insurer-platform/insurer-platform-connector.ts';
export * from './sandbox/sandbox-connector.ts';
