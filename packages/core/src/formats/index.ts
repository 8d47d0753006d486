// The document formats' facts (ids, media types, file names, where each applies): one table that
// the domain, the contracts and the builders of @sello/formats read.
export * from './catalog.ts';
