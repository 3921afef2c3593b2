import type { Migration } from "./types";

/**
 * PostgreSQL schema history, written against the migration's target schema (the runner sets
 * `search_path` to it inside the migration transaction). Append new steps; never edit a released one.
 *
 * `boards.head_seq` is the last sequence number handed out for the board: appendUpdates bumps it
 * with `UPDATE ... RETURNING`, whose row lock serialises writers of one board across processes
 * until their transaction ends, so sequence numbers are gap-free and never duplicated.
 * Times are BIGINT milliseconds since the epoch.
 */
export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "boards, tokens, update log, checkpoints, versions, snapshots",
    statements: [
      `CREATE TABLE boards (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        head_seq BIGINT NOT NULL DEFAULT 0
      )`,
      `CREATE TABLE tokens (
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('edit', 'view')),
        token_hash TEXT NOT NULL,
        PRIMARY KEY (board_id, role)
      )`,
      `CREATE TABLE updates (
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        seq BIGINT NOT NULL,
        data BYTEA NOT NULL,
        author TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (board_id, seq)
      )`,
      // Covers seqAtTime without touching the (possibly large) update rows.
      `CREATE INDEX updates_by_time ON updates (board_id, created_at, seq)`,
      `CREATE TABLE checkpoints (
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        seq BIGINT NOT NULL,
        state BYTEA NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (board_id, seq)
      )`,
      `CREATE TABLE versions (
        id TEXT PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        label TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('named', 'auto')),
        seq BIGINT NOT NULL,
        created_at BIGINT NOT NULL,
        created_by TEXT NOT NULL,
        -- Breaks ties between versions created in the same millisecond: newest insert first.
        insert_order BIGINT GENERATED ALWAYS AS IDENTITY
      )`,
      `CREATE INDEX versions_by_board ON versions (board_id, created_at)`,
      `CREATE TABLE snapshots (
        id TEXT PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        version_id TEXT REFERENCES versions(id),
        title TEXT NOT NULL,
        state BYTEA NOT NULL,
        taken_at BIGINT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: "history index: per-update patches and per-segment content",
    statements: [
      `CREATE TABLE history_patches (
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        seq BIGINT NOT NULL,
        author TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        items TEXT NOT NULL,
        PRIMARY KEY (board_id, seq)
      )`,
      `CREATE TABLE history_segments (
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        seq BIGINT NOT NULL,
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
