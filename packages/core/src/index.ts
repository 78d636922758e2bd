/**
 * @taxonomy/core: the taxonomy format, loader and resolved model.
 * Generators and rules import the model types from here and nothing else.
 */
export * from './model.js';
export { eventAtVersion, liveVersions, hasOlderVersions, schemaVer, revisionsOf, hasRevisions, revisionChain } from './versions.js';
export { loadTaxonomy, loadTaxonomyFromFiles, kindOf, type LoadOptions, type LoadResult, type TaxonomySourceFile } from './load.js';
export { formatDiagnostic, formatLocation, compareDiagnostics, didYouMean, type Diagnostic, type Severity, type SourceLocation } from './diagnostics.js';
export { parseCacheKey, type ParseCache } from './parse-cache.js';
export type { FastParse, PosNode, PosPair } from './fast-yaml.js';
export { parseYamlText, readYamlBytes, locate, MAX_FILE_BYTES, MAX_ALIAS_COUNT, MAX_DEPTH, type SourceFile } from './source.js';
export { validateFile, schemaDir, SCHEMA_BASE, type FileKind } from './schema.js';
export { findProperty, windowToMs } from './resolve/metric.js';
export { EVENT_NAME, EVENT_NAMING, EVENT_REF, NAMESPACE, PROPERTY_NAMING, toConvention } from './resolve/naming.js';
export { foldName } from './resolve/identity.js';
export { eventSqlName, uniqueEventSqlNames, type SqlNameClash } from './derived-names.js';
export type * from './raw-types.js';
export { stableJson, generatedPackageName, type GeneratedFile, type Generator, type GenerateContext, type GeneratorCache } from './generator.js';
export { memo, memoKey, recall, remember } from './memo.js';
export type { ValidationError } from './validation-error.js';
export { ISO_4217_CODES } from './iso4217.js';
export { exactJson, boundNumber } from './exact-json.js';
