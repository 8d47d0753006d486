// The port through which the domain learns the document formats (`FormatCatalog`): their facts
// live with each format in @sello/formats, and @sello/app wires the registry's catalog.
export * from './catalog.ts';
