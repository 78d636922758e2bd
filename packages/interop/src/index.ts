/**
 * @taxonomy/interop: importers (Segment/RudderStack plans, JSON Schema and Snowplow
 * Iglu folders, Markdown docs) that turn existing tracking plans into a taxonomy
 * domain file with a report, and exporters that hand the taxonomy back to Segment
 * Protocols / RudderStack and to an Iglu registry. Pure functions: text in, text out.
 */
export { importSegmentPlan, SEGMENT_TYPES, type SegmentType } from './segment-import.js';
export { finishImport, type ImportOptions, type ImportResult } from './finish.js';
export { formatReport, importExitCode, newReport, type ImportReport, type ReportItem } from './report.js';
export { readJson, MAX_JSON_DEPTH, type JsonDocument, type JsonProblem, type Position } from './json.js';
export { emitDomainYaml, DEFAULT_SCHEMA_PATH } from './emit.js';
export { verifyDomainYaml } from './verify.js';
export type { DraftDomain, DraftEvent, DraftProperty } from './draft.js';
export { exportSegmentPlan, type ExportResult, type SegmentExportOptions } from './segment-export.js';
export { exportIglu, igluName, schemaVer, DATA_PROPERTY, PAYLOAD_EXTENSION, type IgluExportOptions } from './iglu-export.js';
export { importJsonSchemas, type SchemaFileText, type SchemaOrigin } from './jsonschema-import.js';
export { importMarkdown } from './markdown/import.js';
