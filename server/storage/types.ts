/**
 * One storage interface for board metadata, token hashes, the update log, checkpoints,
 * versions and snapshots. SQLite (default) and PostgreSQL implement it; both pass the same
 * contract suite in tests/integration/storage-contract.ts.
 */

export type Role = "edit" | "view";

export interface BoardRecord {
  id: string;
  title: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
}

export interface NewUpdate {
  boardId: string;
  /** A Yjs V1 update, already validated by applying it to the live document. */
  data: Uint8Array;
  /** The `user.name` the connection presented, or a system author such as "restore". */
  author: string;
  /** Server time in milliseconds. */
  createdAt: number;
}

export interface StoredUpdate extends NewUpdate {
  /** Per-board sequence number, strictly increasing from 1. */
  seq: number;
}

export interface Checkpoint {
  boardId: string;
  /** The state includes every update with seq <= this. 0 means "before any logged update". */
  seq: number;
  /** Full encoded state (Y.encodeStateAsUpdate). */
  state: Uint8Array;
  createdAt: number;
}

export interface VersionRecord {
  id: string;
  boardId: string;
  label: string;
  kind: "named" | "auto";
  /** The version's state includes every update with seq <= this. */
  seq: number;
  createdAt: number;
  createdBy: string;
}

export interface SnapshotRecord {
  id: string;
  boardId: string;
  versionId: string | null;
  title: string;
  /** Full encoded state at the moment the snapshot stands for. */
  state: Uint8Array;
  /** When the state it shows was current (the version's time, or now). */
  takenAt: number;
  createdAt: number;
}

/**
 * One logged update as the history index keeps it: the board entries it changed, each as it
 * was right after the update. Written once by the history indexer (server/history/indexer.ts).
 */
export interface HistoryPatch {
  boardId: string;
  seq: number;
  author: string;
  createdAt: number;
  /** JSON object: entry key ("initiatives/<id>", "meta"…) → its plain value after the update, null when removed. */
  items: string;
}

/** The board's plain content after `seq` and who touched what since the previous segment. */
export interface HistorySegment {
  boardId: string;
  seq: number;
  /** JSON BoardContent after every update with seq <= this. */
  content: string;
  /** JSON object: entry key → authors, in order of first touch, of the updates since the previous segment. */
  authors: string;
  /**
   * The same over the longer block of updates that ends here, on segments that end a block
   * (see HistoryIndexer), else null: long ranges read one row per block instead of per segment.
   */
  blockAuthors: string | null;
}

/**
 * Enough to open the same storage again elsewhere (a worker thread with its own connection):
 * plain data, so it crosses a thread boundary.
 */
export type StorageAddress =
  | { backend: "sqlite"; dataDir: string; synchronous: "normal" | "full" }
  | { backend: "postgres"; databaseUrl: string; schema: string };

export interface Storage {
  /** How another thread opens this same storage. */
  address(): StorageAddress;
  /** Creates the schema (idempotent; safe from several processes at once). */
  init(): Promise<void>;
  /** Answers when the backend can be reached; throws otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;

  createBoard(board: BoardRecord, tokenHashes: Record<Role, string>, initialState: Uint8Array): Promise<void>;
  getBoard(boardId: string): Promise<BoardRecord | null>;
  setBoardTitle(boardId: string, title: string, updatedAt: number): Promise<void>;
  /** The role a token hash grants on a board, or null. */
  findTokenRole(boardId: string, tokenHash: string): Promise<Role | null>;
  /** Replaces the token of one role; the old hash stops matching immediately. */
  replaceToken(boardId: string, role: Role, tokenHash: string): Promise<void>;

  /**
   * Appends updates durably in ONE transaction (group commit) and returns their sequence
   * numbers in input order. When it resolves, every update is on disk.
   */
  appendUpdates(updates: readonly NewUpdate[]): Promise<number[]>;
  /** Updates with afterSeq < seq <= uptoSeq (uptoSeq omitted: to the end), in order. */
  readUpdates(boardId: string, afterSeq: number, uptoSeq?: number): Promise<StoredUpdate[]>;
  /** The highest seq of a board's log (0 when empty). */
  headSeq(boardId: string): Promise<number>;
  /** The highest seq whose createdAt <= at (0 when none). */
  seqAtTime(boardId: string, at: number): Promise<number>;

  writeCheckpoint(checkpoint: Checkpoint): Promise<void>;
  /** The newest checkpoint with seq <= atSeq (atSeq omitted: the newest), or null. */
  latestCheckpoint(boardId: string, atSeq?: number): Promise<Checkpoint | null>;

  createVersion(version: VersionRecord): Promise<void>;
  listVersions(boardId: string): Promise<VersionRecord[]>;
  getVersion(boardId: string, versionId: string): Promise<VersionRecord | null>;

  createSnapshot(snapshot: SnapshotRecord): Promise<void>;
  getSnapshot(snapshotId: string): Promise<SnapshotRecord | null>;

  /**
   * Stores a stretch of the history index in one transaction. A patch or segment already stored
   * for its seq stays (the index of a seq is the same whoever computes it).
   */
  appendHistoryIndex(patches: readonly HistoryPatch[], segments: readonly HistorySegment[]): Promise<void>;
  /** The highest seq the history index covers (patch or segment), or null when it has none. */
  historyIndexHead(boardId: string): Promise<number | null>;
  /** Patches with afterSeq < seq <= uptoSeq, in order. */
  readHistoryPatches(boardId: string, afterSeq: number, uptoSeq: number): Promise<HistoryPatch[]>;
  /** The newest segment with seq <= atSeq (atSeq omitted: the newest), or null. */
  latestHistorySegment(boardId: string, atSeq?: number): Promise<HistorySegment | null>;
  /** The `authors` of the segments with afterSeq < seq <= uptoSeq, in order (content left out). */
  readHistorySegmentAuthors(boardId: string, afterSeq: number, uptoSeq: number): Promise<{ seq: number; authors: string }[]>;
  /** The `blockAuthors` of the segments with afterSeq < seq <= uptoSeq that have them, in order. */
  readHistoryBlockAuthors(boardId: string, afterSeq: number, uptoSeq: number): Promise<{ seq: number; authors: string }[]>;
}
