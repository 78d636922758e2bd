/**
 * @taxonomy/collector: the ingestion service behind `taxonomy serve`. Receives what the
 * tracker's httpSink sends, validates every event with the generated validators, stores
 * valid ones in the generated raw events table and quarantines the rest.
 */
export { createCollector, type Collector } from './server.js';
export { DEFAULTS, type CollectorOptions } from './options.js';
export { loadContract, ContractError, type Contract, type Dialect, type EventRow, type SqlModule, type ValidatorsModule, type ValidationError, type ValidationResult } from './contract.js';
export { checkWriteKeys, readWriteKeys, WriteKeyError, type WriteKeys } from './auth.js';
export { HttpError } from './errors.js';
export { ingest, quarantineRow, REJECT_REASONS } from './ingest.js';
export { CollectorMetrics } from './metrics.js';
export { WriteQueue, type RetentionOnWrite } from './queue.js';
export { SqliteStore, type SqliteStoreOptions } from './store/sqlite.js';
export { PostgresStore, type PgQueryable } from './store/postgres.js';
export { StoreError, type Store, type StoredEvent, type StoredQuarantine, type WriteBatch, type WriteResult, type ExportQuery, type RetentionResult } from './store/types.js';
export { tableNames, type TableNames } from './store/tables.js';
export { retention, type RetentionReport } from './ops/retention.js';
export { csvField, exportEvents, exportPreset, exportPresets, parseSince, type ExportFormat, type ExportPreset } from './ops/export.js';
export { replayQuarantine, type ReplayReport } from './ops/replay.js';
export { openStore, type StoreSpec, type OpenedStore } from './open.js';
export { setup, SetupError, type Setup, type SetupOptions } from './setup.js';
export { openReader, pgReader, sqliteReader, type Row, type SqlReader } from './reader.js';
export { checkViews, currentStamp, ensureViews, readStamp, viewsTable, type ViewsReport, type ViewsStamp } from './views.js';
