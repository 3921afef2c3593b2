import pg from "pg";
import { postgresMigrations } from "./migrations/postgres";
import type { Migration } from "./migrations/types";
import { assignSeqs, boardsOfBatch, toBuffer, toBytes, type BoardBatch } from "./rows";
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

export interface PostgresStorageOptions {
  /** Schema holding the tables; overrides the URL's `?schema=`; default `public`. Created if missing. */
  schema?: string;
  /** Most connections the pool opens (default 10). */
  poolSize?: number;
  /** Called when an idle pooled connection fails (the pool drops it and opens another on demand). */
  onIdleConnectionError?: (error: Error) => void;
}

/** First key of the two-key advisory lock that serialises migrations; the second is the schema. */
const MIGRATION_LOCK_CLASS = 0x6d6d6170; // "mmap"
const CONNECT_TIMEOUT_MS = 10_000;
/** Rows per INSERT: five parameters each, well under PostgreSQL's 65,535 parameters a statement. */
const INSERT_CHUNK_ROWS = 1_000;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

interface BoardRow {
  id: string;
  title: string;
  created_at: string;
  updated_at: string;
}

interface UpdateRow {
  board_id: string;
  seq: string;
  data: Buffer;
  author: string;
  created_at: string;
}

interface CheckpointRow {
  board_id: string;
  seq: string;
  state: Buffer;
  created_at: string;
}

interface VersionRow {
  id: string;
  board_id: string;
  label: string;
  kind: "named" | "auto";
  seq: string;
  created_at: string;
  created_by: string;
}

interface SnapshotRow {
  id: string;
  board_id: string;
  version_id: string | null;
  title: string;
  state: Buffer;
  taken_at: string;
  created_at: string;
}

/**
 * The scale-out backend: every server process shares one PostgreSQL database. Commits wait
 * for the server's WAL flush (synchronous_commit stays at its default), so a resolved append is
 * durable. BIGINT columns come back from pg as strings and are converted here; millisecond times
 * and sequence numbers stay far below 2^53.
 */
export class PostgresStorage implements Storage {
  readonly schema: string;
  private readonly connectionString: string;
  private readonly quotedSchema: string;
  private pool: pg.Pool | null = null;

  constructor(
    databaseUrl: string,
    private readonly options: PostgresStorageOptions = {},
  ) {
    const url = new URL(databaseUrl);
    const schema = options.schema ?? url.searchParams.get("schema") ?? "public";
    if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}"`);
    url.searchParams.delete("schema");
    this.connectionString = url.toString();
    this.schema = schema;
    this.quotedSchema = `"${schema}"`;
  }

  async init(): Promise<void> {
    if (this.pool) return;
    const pool = new pg.Pool({
      connectionString: this.connectionString,
      max: this.options.poolSize ?? 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    // Without a listener, an idle connection dropped by the server would crash the process.
    const onIdleConnectionError =
      this.options.onIdleConnectionError ?? ((error) => console.warn("PostgreSQL idle connection failed:", error.message));
    pool.on("error", onIdleConnectionError);
    try {
      await this.inTransaction(pool, (client) => migrate(client, this.schema, postgresMigrations));
    } catch (error) {
      await pool.end();
      throw error;
    }
    this.pool = pool;
  }

  address(): StorageAddress {
    return { backend: "postgres", databaseUrl: this.connectionString, schema: this.schema };
  }

  async ping(): Promise<void> {
    await this.db.query("SELECT 1");
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.end();
  }

  async createBoard(board: BoardRecord, tokenHashes: Record<Role, string>, initialState: Uint8Array): Promise<void> {
    await this.inTransaction(this.db, async (client) => {
      await client.query(`INSERT INTO ${this.table("boards")} (id, title, created_at, updated_at) VALUES ($1, $2, $3, $4)`, [
        board.id,
        board.title,
        board.createdAt,
        board.updatedAt,
      ]);
      await client.query(
        `INSERT INTO ${this.table("tokens")} (board_id, role, token_hash) VALUES ($1, 'edit', $2), ($1, 'view', $3)`,
        [board.id, tokenHashes.edit, tokenHashes.view],
      );
      // The initial state is the checkpoint "before any logged update".
      await client.query(`INSERT INTO ${this.table("checkpoints")} (board_id, seq, state, created_at) VALUES ($1, 0, $2, $3)`, [
        board.id,
        toBuffer(initialState),
        board.createdAt,
      ]);
    });
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    const { rows } = await this.db.query<BoardRow>(
      `SELECT id, title, created_at, updated_at FROM ${this.table("boards")} WHERE id = $1`,
      [boardId],
    );
    const row = rows[0];
    return row ? { id: row.id, title: row.title, createdAt: Number(row.created_at), updatedAt: Number(row.updated_at) } : null;
  }

  async setBoardTitle(boardId: string, title: string, updatedAt: number): Promise<void> {
    await this.db.query(`UPDATE ${this.table("boards")} SET title = $1, updated_at = GREATEST(updated_at, $2) WHERE id = $3`, [
      title,
      updatedAt,
      boardId,
    ]);
  }

  async findTokenRole(boardId: string, tokenHash: string): Promise<Role | null> {
    const { rows } = await this.db.query<{ role: Role; token_hash: string }>(
      `SELECT role, token_hash FROM ${this.table("tokens")} WHERE board_id = $1`,
      [boardId],
    );
    return roleOfDigest(rows, tokenHash);
  }

  async replaceToken(boardId: string, role: Role, tokenHash: string): Promise<void> {
    const result = await this.db.query(`UPDATE ${this.table("tokens")} SET token_hash = $1 WHERE board_id = $2 AND role = $3`, [
      tokenHash,
      boardId,
      role,
    ]);
    if (result.rowCount === 0) throw new Error(`replaceToken: unknown board ${boardId}`);
  }

  async appendUpdates(updates: readonly NewUpdate[]): Promise<number[]> {
    if (updates.length === 0) return [];
    const boards = boardsOfBatch(updates);
    const onlyBoard = boards.length === 1 ? boards[0] : undefined;
    if (onlyBoard && updates.length <= INSERT_CHUNK_ROWS) return this.appendToOneBoard(onlyBoard, updates);
    return this.inTransaction(this.db, async (client) => {
      const firstSeqByBoard = new Map<string, number>();
      // Bumping head_seq row-locks the board until commit: a concurrent writer of the same
      // board, from any process, waits here and then continues from the committed head.
      for (const batch of boards) {
        const { rows } = await client.query<{ head_seq: string }>(
          `UPDATE ${this.table("boards")} SET head_seq = head_seq + $1, updated_at = GREATEST(updated_at, $2)
           WHERE id = $3 RETURNING head_seq`,
          [batch.count, batch.latestCreatedAt, batch.boardId],
        );
        const row = rows[0];
        if (!row) throw new Error(`appendUpdates: unknown board ${batch.boardId}`);
        firstSeqByBoard.set(batch.boardId, Number(row.head_seq) - batch.count + 1);
      }
      const seqs = assignSeqs(updates, firstSeqByBoard);
      for (let start = 0; start < updates.length; start += INSERT_CHUNK_ROWS) {
        const chunk = updates.slice(start, start + INSERT_CHUNK_ROWS);
        const values: unknown[] = [];
        const tuples = chunk.map((update, index) => {
          values.push(update.boardId, seqs[start + index], toBuffer(update.data), update.author, update.createdAt);
          const first = index * 5;
          return `($${first + 1}, $${first + 2}, $${first + 3}, $${first + 4}, $${first + 5})`;
        });
        await client.query(
          `INSERT INTO ${this.table("updates")} (board_id, seq, data, author, created_at) VALUES ${tuples.join(", ")}`,
          values,
        );
      }
      return seqs;
    });
  }

  /**
   * The common case (group commit of one room) in ONE statement, so one round trip instead of
   * four: the CTE bumps the head under the same row lock as the general path, and the statement
   * is its own transaction, durable when it returns. An unknown board inserts nothing.
   */
  private async appendToOneBoard(board: BoardBatch, updates: readonly NewUpdate[]): Promise<number[]> {
    const values: unknown[] = [board.boardId, board.count, board.latestCreatedAt];
    const tuples = updates.map((update, index) => {
      values.push(toBuffer(update.data), update.author, update.createdAt);
      const first = values.length - 2;
      return `($${first}::bytea, $${first + 1}::text, $${first + 2}::bigint, ${index + 1})`;
    });
    const { rows } = await this.db.query<{ seq: string }>(
      `WITH head AS (
         UPDATE ${this.table("boards")} SET head_seq = head_seq + $2::bigint, updated_at = GREATEST(updated_at, $3::bigint)
         WHERE id = $1::text RETURNING head_seq
       )
       INSERT INTO ${this.table("updates")} (board_id, seq, data, author, created_at)
       SELECT $1::text, head.head_seq - $2::bigint + batch.position, batch.data, batch.author, batch.created_at
       FROM head, (VALUES ${tuples.join(", ")}) AS batch (data, author, created_at, position)
       RETURNING seq`,
      values,
    );
    if (rows.length === 0) throw new Error(`appendUpdates: unknown board ${board.boardId}`);
    const firstSeq = Math.min(...rows.map((row) => Number(row.seq)));
    return updates.map((_, index) => firstSeq + index);
  }

  async readUpdates(boardId: string, afterSeq: number, uptoSeq?: number): Promise<StoredUpdate[]> {
    const { rows } = await this.db.query<UpdateRow>(
      `SELECT board_id, seq, data, author, created_at FROM ${this.table("updates")}
       WHERE board_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`,
      [boardId, afterSeq, uptoSeq ?? Number.MAX_SAFE_INTEGER],
    );
    return rows.map((row) => ({
      boardId: row.board_id,
      seq: Number(row.seq),
      data: toBytes(row.data),
      author: row.author,
      createdAt: Number(row.created_at),
    }));
  }

  async headSeq(boardId: string): Promise<number> {
    const { rows } = await this.db.query<{ head_seq: string }>(`SELECT head_seq FROM ${this.table("boards")} WHERE id = $1`, [
      boardId,
    ]);
    return Number(rows[0]?.head_seq ?? 0);
  }

  async seqAtTime(boardId: string, at: number): Promise<number> {
    const { rows } = await this.db.query<{ seq: string }>(
      `SELECT COALESCE(MAX(seq), 0) AS seq FROM ${this.table("updates")} WHERE board_id = $1 AND created_at <= $2`,
      [boardId, at],
    );
    return Number(rows[0]?.seq ?? 0);
  }

  async writeCheckpoint(checkpoint: Checkpoint): Promise<void> {
    // A checkpoint of a seq is the same document state whoever writes it; the first one stays.
    await this.db.query(
      `INSERT INTO ${this.table("checkpoints")} (board_id, seq, state, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [checkpoint.boardId, checkpoint.seq, toBuffer(checkpoint.state), checkpoint.createdAt],
    );
  }

  async latestCheckpoint(boardId: string, atSeq?: number): Promise<Checkpoint | null> {
    const { rows } = await this.db.query<CheckpointRow>(
      `SELECT board_id, seq, state, created_at FROM ${this.table("checkpoints")}
       WHERE board_id = $1 AND seq <= $2 ORDER BY seq DESC LIMIT 1`,
      [boardId, atSeq ?? Number.MAX_SAFE_INTEGER],
    );
    const row = rows[0];
    return row
      ? { boardId: row.board_id, seq: Number(row.seq), state: toBytes(row.state), createdAt: Number(row.created_at) }
      : null;
  }

  async createVersion(version: VersionRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.table("versions")} (id, board_id, label, kind, seq, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [version.id, version.boardId, version.label, version.kind, version.seq, version.createdAt, version.createdBy],
    );
  }

  async listVersions(boardId: string): Promise<VersionRecord[]> {
    const { rows } = await this.db.query<VersionRow>(
      `SELECT id, board_id, label, kind, seq, created_at, created_by FROM ${this.table("versions")}
       WHERE board_id = $1 ORDER BY created_at DESC, insert_order DESC`,
      [boardId],
    );
    return rows.map(toVersion);
  }

  async getVersion(boardId: string, versionId: string): Promise<VersionRecord | null> {
    const { rows } = await this.db.query<VersionRow>(
      `SELECT id, board_id, label, kind, seq, created_at, created_by FROM ${this.table("versions")}
       WHERE board_id = $1 AND id = $2`,
      [boardId, versionId],
    );
    const row = rows[0];
    return row ? toVersion(row) : null;
  }

  async createSnapshot(snapshot: SnapshotRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.table("snapshots")} (id, board_id, version_id, title, state, taken_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        snapshot.id,
        snapshot.boardId,
        snapshot.versionId,
        snapshot.title,
        toBuffer(snapshot.state),
        snapshot.takenAt,
        snapshot.createdAt,
      ],
    );
  }

  async getSnapshot(snapshotId: string): Promise<SnapshotRecord | null> {
    const { rows } = await this.db.query<SnapshotRow>(
      `SELECT id, board_id, version_id, title, state, taken_at, created_at FROM ${this.table("snapshots")} WHERE id = $1`,
      [snapshotId],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          boardId: row.board_id,
          versionId: row.version_id,
          title: row.title,
          state: toBytes(row.state),
          takenAt: Number(row.taken_at),
          createdAt: Number(row.created_at),
        }
      : null;
  }

  async appendHistoryIndex(patches: readonly HistoryPatch[], segments: readonly HistorySegment[]): Promise<void> {
    if (patches.length === 0 && segments.length === 0) return;
    await this.inTransaction(this.db, async (client) => {
      for (let start = 0; start < patches.length; start += INSERT_CHUNK_ROWS) {
        const chunk = patches.slice(start, start + INSERT_CHUNK_ROWS);
        const values: unknown[] = [];
        const tuples = chunk.map((patch, index) => {
          values.push(patch.boardId, patch.seq, patch.author, patch.createdAt, patch.items);
          const base = index * 5;
          return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5})`;
        });
        await client.query(
          `INSERT INTO ${this.table("history_patches")} (board_id, seq, author, created_at, items)
           VALUES ${tuples.join(", ")} ON CONFLICT DO NOTHING`,
          values,
        );
      }
      for (const segment of segments) {
        await client.query(
          `INSERT INTO ${this.table("history_segments")} (board_id, seq, content, authors, block_authors) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING`,
          [segment.boardId, segment.seq, segment.content, segment.authors, segment.blockAuthors],
        );
      }
    });
  }

  async historyIndexHead(boardId: string): Promise<number | null> {
    const { rows } = await this.db.query<{ head: string | null }>(
      `SELECT GREATEST((SELECT MAX(seq) FROM ${this.table("history_patches")} WHERE board_id = $1),
                       (SELECT MAX(seq) FROM ${this.table("history_segments")} WHERE board_id = $1)) AS head`,
      [boardId],
    );
    const head = rows[0]?.head;
    return head === null || head === undefined ? null : Number(head);
  }

  async readHistoryPatches(boardId: string, afterSeq: number, uptoSeq: number): Promise<HistoryPatch[]> {
    const { rows } = await this.db.query<{ board_id: string; seq: string; author: string; created_at: string; items: string }>(
      `SELECT board_id, seq, author, created_at, items FROM ${this.table("history_patches")}
       WHERE board_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`,
      [boardId, afterSeq, uptoSeq],
    );
    return rows.map((row) => ({
      boardId: row.board_id,
      seq: Number(row.seq),
      author: row.author,
      createdAt: Number(row.created_at),
      items: row.items,
    }));
  }

  async latestHistorySegment(boardId: string, atSeq?: number): Promise<HistorySegment | null> {
    const { rows } = await this.db.query<{ board_id: string; seq: string; content: string; authors: string; block_authors: string | null }>(
      `SELECT board_id, seq, content, authors, block_authors FROM ${this.table("history_segments")}
       WHERE board_id = $1 AND seq <= $2 ORDER BY seq DESC LIMIT 1`,
      [boardId, atSeq ?? Number.MAX_SAFE_INTEGER],
    );
    const row = rows[0];
    return row ? { boardId: row.board_id, seq: Number(row.seq), content: row.content, authors: row.authors, blockAuthors: row.block_authors } : null;
  }

  async readHistorySegmentAuthors(boardId: string, afterSeq: number, uptoSeq: number): Promise<{ seq: number; authors: string }[]> {
    const { rows } = await this.db.query<{ seq: string; authors: string }>(
      `SELECT seq, authors FROM ${this.table("history_segments")}
       WHERE board_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`,
      [boardId, afterSeq, uptoSeq],
    );
    return rows.map((row) => ({ seq: Number(row.seq), authors: row.authors }));
  }

  async readHistoryBlockAuthors(boardId: string, afterSeq: number, uptoSeq: number): Promise<{ seq: number; authors: string }[]> {
    const { rows } = await this.db.query<{ seq: string; authors: string }>(
      `SELECT seq, block_authors AS authors FROM ${this.table("history_segments")}
       WHERE board_id = $1 AND seq > $2 AND seq <= $3 AND block_authors IS NOT NULL ORDER BY seq`,
      [boardId, afterSeq, uptoSeq],
    );
    return rows.map((row) => ({ seq: Number(row.seq), authors: row.authors }));
  }

  private table(name: string): string {
    return `${this.quotedSchema}.${name}`;
  }

  private get db(): pg.Pool {
    if (!this.pool) throw new Error("PostgresStorage used before init() or after close()");
    return this.pool;
  }

  private async inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let brokenConnection: Error | undefined;
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      try {
        await client.query("ROLLBACK");
      } catch (rollbackError) {
        // A connection that cannot even roll back is unusable: release() with an error closes it.
        brokenConnection = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    } finally {
      client.release(brokenConnection);
    }
  }
}

/**
 * Brings one schema up to date. The transaction-scoped advisory lock makes concurrent starts
 * queue up, so each migration runs exactly once however many processes start together; running
 * it again finds nothing to do. Existence is checked before CREATE so that a role without CREATE
 * rights can still start against a schema someone else prepared.
 */
async function migrate(client: pg.PoolClient, schema: string, migrations: readonly Migration[]): Promise<void> {
  const quotedSchema = `"${schema}"`;
  await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [MIGRATION_LOCK_CLASS, schema]);
  const schemaExists = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
  if (schemaExists.rowCount === 0) await client.query(`CREATE SCHEMA ${quotedSchema}`);
  await client.query(`SET LOCAL search_path TO ${quotedSchema}`);
  const ledger = await client.query<{ ledger: string | null }>("SELECT to_regclass($1) AS ledger", [
    `${quotedSchema}.schema_migrations`,
  ]);
  if (!ledger.rows[0]?.ledger) {
    await client.query(
      `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`,
    );
  }
  const { rows } = await client.query<{ version: number }>("SELECT version FROM schema_migrations");
  const applied = new Set(rows.map((row) => row.version));
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    for (const statement of migration.statements) await client.query(statement);
    await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
      migration.version,
      migration.name,
      Date.now(),
    ]);
  }
}

function toVersion(row: VersionRow): VersionRecord {
  return {
    id: row.id,
    boardId: row.board_id,
    label: row.label,
    kind: row.kind,
    seq: Number(row.seq),
    createdAt: Number(row.created_at),
    createdBy: row.created_by,
  };
}
