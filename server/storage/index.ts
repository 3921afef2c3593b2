import { PostgresStorage } from "./postgres";
import { SqliteStorage, type SqliteSynchronous } from "./sqlite";
import type { Storage, StorageAddress } from "./types";

export type * from "./types";
export { PostgresStorage, type PostgresStorageOptions } from "./postgres";
export { SqliteStorage, SQLITE_FILE_NAME, type SqliteStorageOptions, type SqliteSynchronous } from "./sqlite";

export interface StorageConfig {
  /** Where the embedded SQLite file lives (created if missing). */
  dataDir: string;
  /** A `postgres://` URL: use PostgreSQL instead of SQLite. `?schema=` selects the schema. */
  databaseUrl?: string;
  /** SQLite only: `normal` (default) or `full`, see SqliteSynchronous. */
  sqliteSynchronous?: SqliteSynchronous;
}

/** The configured backend, not yet initialised: call `init()` before use. */
export function createStorage(config: StorageConfig): Storage {
  if (config.databaseUrl) return new PostgresStorage(config.databaseUrl);
  return new SqliteStorage(config.dataDir, { synchronous: config.sqliteSynchronous });
}

/**
 * The storage at `address` opened again, for a worker thread of the process that owns it. Not
 * yet initialised. A SQLite connection opened here is read-only (the owner's connection writes
 * and checkpoints the file).
 */
export function openStorageAt(address: StorageAddress): Storage {
  if (address.backend === "postgres") return new PostgresStorage(address.databaseUrl, { schema: address.schema, poolSize: 2 });
  return new SqliteStorage(address.dataDir, { synchronous: address.synchronous, readOnly: true });
}
