import type { Migration } from "./types";

/** The update log's columns and key, the same in version 1 and in version 4's rebuild. */
const UPDATE_LOG_COLUMNS = `(
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        author TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (board_id, seq)
      )`;

/**
 * SQLite schema history. Append new steps; never edit a released one.
 *
 * Version 4 made the update log cheaper to append to (SqliteStorage.appendTransaction): the log is
 * clustered on its key, its time index and `boards.head_seq` are gone (the next seq is the log's
 * last one plus one, found on the key), and created_at never decreases along a board's log.
 */
export const sqliteMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "boards, tokens, update log, checkpoints, versions, snapshots",
    statements: [
      `CREATE TABLE boards (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        head_seq INTEGER NOT NULL DEFAULT 0
      )`,
      `CREATE TABLE tokens (
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('edit', 'view')),
        token_hash TEXT NOT NULL,
        PRIMARY KEY (board_id, role)
      )`,
      `CREATE TABLE updates ${UPDATE_LOG_COLUMNS}`,
      // Covers seqAtTime without touching the (possibly large) update rows.
      `CREATE INDEX updates_by_time ON updates (board_id, created_at, seq)`,
      `CREATE TABLE checkpoints (
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        state BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (board_id, seq)
      )`,
      `CREATE TABLE versions (
        id TEXT PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        label TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('named', 'auto')),
        seq INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL
      )`,
      `CREATE INDEX versions_by_board ON versions (board_id, created_at)`,
      `CREATE TABLE snapshots (
        id TEXT PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        version_id TEXT REFERENCES versions(id),
        title TEXT NOT NULL,
        state BLOB NOT NULL,
        taken_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: "history index: per-update patches and per-segment content",
    statements: [
      `CREATE TABLE history_patches (
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        author TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        items TEXT NOT NULL,
        PRIMARY KEY (board_id, seq)
      )`,
      `CREATE TABLE history_segments (
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        content TEXT NOT NULL,
        authors TEXT NOT NULL,
        PRIMARY KEY (board_id, seq)
      )`,
    ],
  },
  {
    version: 3,
    name: "history index: authors per block of segments",
    statements: [`ALTER TABLE history_segments ADD COLUMN block_authors TEXT`],
  },
  {
    version: 4,
    name: "update log clustered on (board_id, seq), no time index or head counter; created_at never decreases",
    statements: [
      `CREATE TABLE updates_v4 ${UPDATE_LOG_COLUMNS} WITHOUT ROWID`,
      // A stored time earlier than the one before it (the clock stepped back) becomes that one.
      `INSERT INTO updates_v4 (board_id, seq, data, author, created_at)
       SELECT board_id, seq, data, author,
         MAX(created_at) OVER (PARTITION BY board_id ORDER BY seq ROWS UNBOUNDED PRECEDING)
       FROM updates`,
      // Dropping the table drops updates_by_time with it.
      `DROP TABLE updates`,
      `ALTER TABLE updates_v4 RENAME TO updates`,
      `ALTER TABLE boards DROP COLUMN head_seq`,
    ],
  },
];
