export * from './credentials-repository.ts';
export * from './face/face-connector.ts';
export * from './insurer-platform/insurer-platform-connector.ts';
export * from './sandbox/sandbox-connector.ts';
