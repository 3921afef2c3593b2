import type { Migration } from "./types";

/**
 * SQLite schema history. Append new steps; never edit a released one.
 *
 * `boards.head_seq` is the last sequence number handed out for the board: appendUpdates bumps it
 * and reads it back in the same transaction, so allocation and the unknown-board check are one step.
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
      `CREATE TABLE updates (
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        author TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (board_id, seq)
      )`,
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
];
