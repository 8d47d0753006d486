import pkg from '../../../package.json' with { type: 'json' };

/** The release, from the root package.json (bundled into each function at build time). */
export const SELLO_VERSION: string = pkg.version;
