import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sqliteMigrations } from "./migrations/sqlite";
import type { Migration } from "./migrations/types";
import { WalCheckpointer } from "./walCheckpointer";
import { toBuffer, toBytes } from "./rows";
import type {
  BoardRecord,
  Checkpoint,
  HistoryPatch,
  HistorySegment,
  NewUpdate,
  Role,
  SnapshotRecord,
  Storage,
  StorageAddress,
  StoredUpdate,
  VersionRecord,
} from "./types";
import { roleOfDigest } from "../auth/tokens";

export const SQLITE_FILE_NAME = "modelmap.sqlite";

/** A board's newest update, found on the log's key: its seq is the board's head. */
const LAST_UPDATE_SQL = "SELECT seq, created_at FROM updates WHERE board_id = ? ORDER BY seq DESC LIMIT 1";

/** How long a statement waits for another process's write lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;

interface BoardRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
}

interface UpdateRow {
  board_id: string;
  seq: number;
  data: Buffer;
  author: string;
  created_at: number;
}

interface CheckpointRow {
  board_id: string;
  seq: number;
  state: Buffer;
  created_at: number;
}

interface VersionRow {
  id: string;
  board_id: string;
  label: string;
  kind: "named" | "auto";
  seq: number;
  created_at: number;
  created_by: string;
}

interface HistoryPatchRow {
  board_id: string;
  seq: number;
  author: string;
  created_at: number;
  items: string;
}

interface HistorySegmentRow {
  board_id: string;
  seq: number;
  content: string;
  authors: string;
  block_authors: string | null;
}

interface SnapshotRow {
  id: string;
  board_id: string;
  version_id: string | null;
  title: string;
  state: Buffer;
  taken_at: number;
  created_at: number;
}

/**
 * How hard a commit waits for the disk (S5). In WAL mode both survive a crash of the server
 * process: the commit's WAL frames reach the operating system before the commit returns.
 * `normal` fsyncs only at checkpoints, so an OS crash or power loss can lose the last commits;
 * `full` fsyncs every commit (about one disk flush per group commit, blocking the event loop).
 */
export type SqliteSynchronous = "normal" | "full";

export interface SqliteStorageOptions {
  /** Default `normal`: every update survives a process crash (what the contract promises). */
  synchronous?: SqliteSynchronous;
  /**
   * Default false. A read-only connection (the history indexing worker's) never takes the file's
   * write lock, so it can never make the owner's group commit wait for it: the owner writes
   * everything, has migrated the schema before any reader opens, and its WalCheckpointer thread
   * checkpoints the file (a read-only connection starts none).
   */
  readOnly?: boolean;
}

/**
 * The embedded default backend: one SQLite file in WAL mode (see SqliteSynchronous for how
 * durable a commit is).
 * better-sqlite3 is synchronous; the async methods only wrap it, which also means calls from one
 * process never interleave.
 */
export class SqliteStorage implements Storage {
  readonly filePath: string;
  private database: Database.Database | null = null;
  private checkpointer: WalCheckpointer | null = null;
  /** Prepared once per SQL text: preparing costs more than running these small statements. */
  private readonly statements = new Map<string, Database.Statement>();
  private appendInTransaction: Database.Transaction<(updates: readonly NewUpdate[]) => number[]> | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly options: SqliteStorageOptions = {},
  ) {
    this.filePath = path.join(dataDir, SQLITE_FILE_NAME);
  }

  async init(): Promise<void> {
    if (this.database) return;
    if (this.options.readOnly) {
      const reader = new Database(this.filePath, { readonly: true, fileMustExist: true });
      reader.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      this.database = reader;
      return;
    }
    mkdirSync(this.dataDir, { recursive: true });
    const database = new Database(this.filePath);
    try {
      // busy_timeout first: switching to WAL and migrating may wait for another process.
      database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      database.pragma("journal_mode = WAL");
      database.pragma(`synchronous = ${this.options.synchronous === "full" ? "FULL" : "NORMAL"}`);
      database.pragma("foreign_keys = ON");
      migrate(database, sqliteMigrations);
    } catch (error) {
      database.close();
      throw error;
    }
    this.database = database;
    // See WalCheckpointer: the log is checkpointed off the event loop. Should the worker fail,
    // this connection checkpoints again itself (SQLite's default threshold) so the log stays small.
    database.pragma("wal_autocheckpoint = 0");
    this.checkpointer = new WalCheckpointer(this.filePath, {
      busyTimeoutMs: BUSY_TIMEOUT_MS,
      onFailure: () => this.database?.pragma("wal_autocheckpoint = 1000"),
    });
  }

  address(): StorageAddress {
    return { backend: "sqlite", dataDir: this.dataDir, synchronous: this.options.synchronous ?? "normal" };
  }

  async ping(): Promise<void> {
    this.statement("SELECT 1").get();
  }

  async close(): Promise<void> {
    const checkpointer = this.checkpointer;
    this.checkpointer = null;
    await checkpointer?.close();
    this.statements.clear();
    this.appendInTransaction = null;
    this.database?.close();
    this.database = null;
  }

  async createBoard(board: BoardRecord, tokenHashes: Record<Role, string>, initialState: Uint8Array): Promise<void> {
    const db = this.db;
    db.transaction(() => {
      this.statement("INSERT INTO boards (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)").run(
        board.id,
        board.title,
        board.createdAt,
        board.updatedAt,
      );
      const insertToken = this.statement("INSERT INTO tokens (board_id, role, token_hash) VALUES (?, ?, ?)");
      for (const role of ["edit", "view"] as const) insertToken.run(board.id, role, tokenHashes[role]);
      // The initial state is the checkpoint "before any logged update".
      this.statement("INSERT INTO checkpoints (board_id, seq, state, created_at) VALUES (?, 0, ?, ?)").run(
        board.id,
        toBuffer(initialState),
        board.createdAt,
      );
    }).immediate();
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    // An append never touches the board's row (see appendTransaction): the board was last
    // changed when it was renamed or when its newest update was stored, whichever is later.
    const row = this.statement(
      `SELECT id, title, created_at,
         MAX(updated_at, COALESCE((SELECT created_at FROM updates WHERE board_id = boards.id ORDER BY seq DESC LIMIT 1), 0)) AS updated_at
       FROM boards WHERE id = ?`,
    ).get(boardId) as BoardRow | undefined;
    return row ? { id: row.id, title: row.title, createdAt: row.created_at, updatedAt: row.updated_at } : null;
  }

  async setBoardTitle(boardId: string, title: string, updatedAt: number): Promise<void> {
    this.statement("UPDATE boards SET title = ?, updated_at = MAX(updated_at, ?) WHERE id = ?").run(
      title,
      updatedAt,
      boardId,
    );
  }

  async findTokenRole(boardId: string, tokenHash: string): Promise<Role | null> {
    const rows = this.statement("SELECT role, token_hash FROM tokens WHERE board_id = ?").all(boardId) as {
      role: Role;
      token_hash: string;
    }[];
    return roleOfDigest(rows, tokenHash);
  }

  async replaceToken(boardId: string, role: Role, tokenHash: string): Promise<void> {
    const result = this.statement("UPDATE tokens SET token_hash = ? WHERE board_id = ? AND role = ?").run(
      tokenHash,
      boardId,
      role,
    );
    if (result.changes === 0) throw new Error(`replaceToken: unknown board ${boardId}`);
  }

  async appendUpdates(updates: readonly NewUpdate[]): Promise<number[]> {
    if (updates.length === 0) return [];
    // IMMEDIATE takes the write lock up front, so another process cannot slip in between
    // reading the head and writing past it.
    return this.appendTransaction().immediate(updates);
  }

  /**
   * The append transaction, made once per connection: better-sqlite3 builds a new wrapper
   * function for every `transaction()` call, a few per cent of what a live relay allocates.
   *
   * It writes one b-tree page per board in the common case: `updates` is clustered on
   * (board_id, seq) (WITHOUT ROWID) and has no other index, the next seq comes from the log's
   * last row, and the board's row is not touched (getBoard derives `updated_at`). The schema of
   * before (a rowid table, its key index, a time index and a head counter on the board's row)
   * wrote four pages a commit: a one-update append took a median 28 µs against 16 µs now
   * (`npx tsx bench/storage-append.ts --backends sqlite --baseline <checkout>`, side by side).
   * created_at never decreases along a board's log: an update is stored no earlier than the one
   * before it (the server's clock can step back), which lets seqAtTime search by seq.
   */
  private appendTransaction(): Database.Transaction<(updates: readonly NewUpdate[]) => number[]> {
    if (this.appendInTransaction) return this.appendInTransaction;
    // No RETURNING: SQLite materialises RETURNING rows in a scratch table whose ~150 KB buffer
    // glibc maps and unmaps on every commit (two brk calls and ~40 page faults, seen with strace).
    const lastUpdate = this.statement(LAST_UPDATE_SQL);
    const boardExists = this.statement("SELECT 1 FROM boards WHERE id = ?");
    const insertUpdate = this.statement(
      "INSERT INTO updates (board_id, seq, data, author, created_at) VALUES (?, ?, ?, ?, ?)",
    );
    this.appendInTransaction = this.db.transaction((updates: readonly NewUpdate[]) => {
      const tailByBoard = new Map<string, { seq: number; createdAt: number }>();
      return updates.map((update) => {
        let tail = tailByBoard.get(update.boardId);
        if (!tail) {
          const last = lastUpdate.get(update.boardId) as { seq: number; created_at: number } | undefined;
          if (!last && boardExists.get(update.boardId) === undefined) throw new Error(`appendUpdates: unknown board ${update.boardId}`);
          tail = { seq: last?.seq ?? 0, createdAt: last?.created_at ?? Number.NEGATIVE_INFINITY };
          tailByBoard.set(update.boardId, tail);
        }
        tail.seq += 1;
        tail.createdAt = Math.max(tail.createdAt, update.createdAt);
        insertUpdate.run(update.boardId, tail.seq, toBuffer(update.data), update.author, tail.createdAt);
        return tail.seq;
      });
    });
    return this.appendInTransaction;
  }

  async readUpdates(boardId: string, afterSeq: number, uptoSeq?: number): Promise<StoredUpdate[]> {
    const rows = this.statement(
      `SELECT board_id, seq, data, author, created_at FROM updates
       WHERE board_id = ? AND seq > ? AND seq <= ? ORDER BY seq`,
    ).all(boardId, afterSeq, uptoSeq ?? Number.MAX_SAFE_INTEGER) as UpdateRow[];
    return rows.map((row) => ({
      boardId: row.board_id,
      seq: row.seq,
      data: toBytes(row.data),
      author: row.author,
      createdAt: row.created_at,
    }));
  }

  async headSeq(boardId: string): Promise<number> {
    const row = this.statement(LAST_UPDATE_SQL).get(boardId) as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  async seqAtTime(boardId: string, at: number): Promise<number> {
    // created_at never decreases along a board's log (appendTransaction), so the answer is a
    // binary search on the log's key: ~17 lookups at 100,000 updates, no time index to keep.
    const firstAtOrAfter = this.statement(
      "SELECT seq, created_at FROM updates WHERE board_id = ? AND seq >= ? ORDER BY seq LIMIT 1",
    );
    const probe = (seq: number) => firstAtOrAfter.get(boardId, seq) as { seq: number; created_at: number } | undefined;
    let atOrBefore = 0; // the highest seq known to be stored at or before `at` (0: none)
    let after = (await this.headSeq(boardId)) + 1; // the lowest seq known to be after it, or past the log
    while (after - atOrBefore > 1) {
      const middle = Math.floor((atOrBefore + after) / 2);
      const row = probe(middle);
      // No row at or past `middle` before `after` means every seq up to `after` lies before `middle`.
      if (row && row.seq < after && row.created_at <= at) atOrBefore = row.seq;
      else after = middle;
    }
    return atOrBefore;
  }

  async writeCheckpoint(checkpoint: Checkpoint): Promise<void> {
    // A checkpoint of a seq is the same document state whoever writes it; the first one stays.
    this.statement(
      "INSERT INTO checkpoints (board_id, seq, state, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
    ).run(checkpoint.boardId, checkpoint.seq, toBuffer(checkpoint.state), checkpoint.createdAt);
  }

  async latestCheckpoint(boardId: string, atSeq?: number): Promise<Checkpoint | null> {
    const row = this.statement(
      `SELECT board_id, seq, state, created_at FROM checkpoints
       WHERE board_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1`,
    ).get(boardId, atSeq ?? Number.MAX_SAFE_INTEGER) as CheckpointRow | undefined;
    return row ? { boardId: row.board_id, seq: row.seq, state: toBytes(row.state), createdAt: row.created_at } : null;
  }

  async createVersion(version: VersionRecord): Promise<void> {
    this.statement(
      `INSERT INTO versions (id, board_id, label, kind, seq, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(version.id, version.boardId, version.label, version.kind, version.seq, version.createdAt, version.createdBy);
  }

  async listVersions(boardId: string): Promise<VersionRecord[]> {
    // rowid breaks ties between versions created in the same millisecond: newest insert first.
    const rows = this.statement(
      "SELECT * FROM versions WHERE board_id = ? ORDER BY created_at DESC, rowid DESC",
    ).all(boardId) as VersionRow[];
    return rows.map(toVersion);
  }

  async getVersion(boardId: string, versionId: string): Promise<VersionRecord | null> {
    const row = this.statement("SELECT * FROM versions WHERE board_id = ? AND id = ?").get(boardId, versionId) as
      | VersionRow
      | undefined;
    return row ? toVersion(row) : null;
  }

  async createSnapshot(snapshot: SnapshotRecord): Promise<void> {
    this.statement(
      `INSERT INTO snapshots (id, board_id, version_id, title, state, taken_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      snapshot.id,
      snapshot.boardId,
      snapshot.versionId,
      snapshot.title,
      toBuffer(snapshot.state),
      snapshot.takenAt,
      snapshot.createdAt,
    );
  }

  async getSnapshot(snapshotId: string): Promise<SnapshotRecord | null> {
    const row = this.statement("SELECT * FROM snapshots WHERE id = ?").get(snapshotId) as SnapshotRow | undefined;
    return row
      ? {
          id: row.id,
          boardId: row.board_id,
          versionId: row.version_id,
          title: row.title,
          state: toBytes(row.state),
          takenAt: row.taken_at,
          createdAt: row.created_at,
        }
      : null;
  }

  async appendHistoryIndex(patches: readonly HistoryPatch[], segments: readonly HistorySegment[]): Promise<void> {
    const insertPatch = this.statement(
      `INSERT INTO history_patches (board_id, seq, author, created_at, items) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    );
    const insertSegment = this.statement(
      `INSERT INTO history_segments (board_id, seq, content, authors, block_authors) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    );
    this.db
      .transaction(() => {
        for (const patch of patches) insertPatch.run(patch.boardId, patch.seq, patch.author, patch.createdAt, patch.items);
        for (const segment of segments) insertSegment.run(segment.boardId, segment.seq, segment.content, segment.authors, segment.blockAuthors);
      })
      .immediate();
  }

  async historyIndexHead(boardId: string): Promise<number | null> {
    const patch = this.statement("SELECT MAX(seq) AS seq FROM history_patches WHERE board_id = ?").get(boardId) as { seq: number | null };
    const segment = this.statement("SELECT MAX(seq) AS seq FROM history_segments WHERE board_id = ?").get(boardId) as { seq: number | null };
    if (patch.seq === null) return segment.seq;
    return segment.seq === null ? patch.seq : Math.max(patch.seq, segment.seq);
  }

  async readHistoryPatches(boardId: string, afterSeq: number, uptoSeq: number): Promise<HistoryPatch[]> {
    const rows = this.statement(
      `SELECT board_id, seq, author, created_at, items FROM history_patches
       WHERE board_id = ? AND seq > ? AND seq <= ? ORDER BY seq`,
    ).all(boardId, afterSeq, uptoSeq) as HistoryPatchRow[];
    return rows.map((row) => ({ boardId: row.board_id, seq: row.seq, author: row.author, createdAt: row.created_at, items: row.items }));
  }

  async latestHistorySegment(boardId: string, atSeq?: number): Promise<HistorySegment | null> {
    const row = this.statement(
      `SELECT board_id, seq, content, authors, block_authors FROM history_segments
       WHERE board_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1`,
    ).get(boardId, atSeq ?? Number.MAX_SAFE_INTEGER) as HistorySegmentRow | undefined;
    return row ? { boardId: row.board_id, seq: row.seq, content: row.content, authors: row.authors, blockAuthors: row.block_authors } : null;
  }

  async readHistorySegmentAuthors(boardId: string, afterSeq: number, uptoSeq: number): Promise<{ seq: number; authors: string }[]> {
    return this.statement(
      "SELECT seq, authors FROM history_segments WHERE board_id = ? AND seq > ? AND seq <= ? ORDER BY seq",
    ).all(boardId, afterSeq, uptoSeq) as { seq: number; authors: string }[];
  }

  async readHistoryBlockAuthors(boardId: string, afterSeq: number, uptoSeq: number): Promise<{ seq: number; authors: string }[]> {
    return this.statement(
      `SELECT seq, block_authors AS authors FROM history_segments
       WHERE board_id = ? AND seq > ? AND seq <= ? AND block_authors IS NOT NULL ORDER BY seq`,
    ).all(boardId, afterSeq, uptoSeq) as { seq: number; authors: string }[];
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private get db(): Database.Database {
    if (!this.database) throw new Error("SqliteStorage used before init() or after close()");
    return this.database;
  }
}

function migrate(database: Database.Database, migrations: readonly Migration[]): void {
  database
    .transaction(() => {
      database.exec(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
          version INTEGER PRIMARY KEY,
          name TEXT NOT NULL,
          applied_at INTEGER NOT NULL
        )`,
      );
      const applied = new Set(
        (database.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map((row) => row.version),
      );
      const recordMigration = database.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        for (const statement of migration.statements) database.exec(statement);
        recordMigration.run(migration.version, migration.name, Date.now());
      }
    })
    .immediate();
}

function toVersion(row: VersionRow): VersionRecord {
  return {
    id: row.id,
    boardId: row.board_id,
    label: row.label,
    kind: row.kind,
    seq: row.seq,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}
