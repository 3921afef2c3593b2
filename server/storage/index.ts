import { PostgresStorage } from "./postgres";
import { SqliteStorage } from "./sqlite";
import type { Storage } from "./types";

export type * from "./types";
export { PostgresStorage, type PostgresStorageOptions } from "./postgres";
export { SqliteStorage, SQLITE_FILE_NAME } from "./sqlite";

export interface StorageConfig {
  /** Where the embedded SQLite file lives (created if missing). */
  dataDir: string;
  /** A `postgres://` URL: use PostgreSQL instead of SQLite. `?schema=` selects the schema. */
  databaseUrl?: string;
}

/** The configured backend, not yet initialised: call `init()` before use. */
export function createStorage(config: StorageConfig): Storage {
  return config.databaseUrl ? new PostgresStorage(config.databaseUrl) : new SqliteStorage(config.dataDir);
}
