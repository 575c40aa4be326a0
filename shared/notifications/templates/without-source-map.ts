/**
 * What the functions' bundles load in place of the `source-map` package (the alias is in
 * infra/bundling.ts). Handlebars' compiler asks for it only to give a precompiled template a source
 * map, which nothing here does; finding no `SourceNode` in it, the compiler builds the template's
 * code as plain strings, its own fallback for browsers. The package is 26 KiB that the
 * notification functions would parse at every cold start. Outside a bundle (the tests,
 * `npm start`) Handlebars keeps the package.
 */
export {};
