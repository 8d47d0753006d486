// The shared EN 16931 layer's public surface: the semantic document both syntaxes print.
export * from './document.ts';
export * from './errors.ts';
