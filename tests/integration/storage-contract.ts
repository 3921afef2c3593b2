import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { childEntryArguments } from "../helpers/child-entry";
import type { StorageConfig } from "@/server/storage";
import type { BoardRecord, NewUpdate, Role, Storage, VersionRecord } from "@/server/storage/types";

/**
 * The one behaviour every Storage backend must show. A backend's test file calls
 * describeStorageContract with a factory of fresh, empty locations (a temp dir, a schema).
 */
export interface StorageLocation {
  /** A new, initialised instance on this location; every instance sees the same data. */
  open(): Promise<Storage>;
  /** Removes the location and all its data; the suite has closed its instances by then. */
  destroy(): Promise<void>;
  /** The createStorage configuration that reaches this location from another process. */
  config: StorageConfig;
}

/** Runs storage-append-worker.ts in its own Node process and returns the seqs it was given. */
async function appendFromChildProcess(config: StorageConfig, boardId: string, label: string): Promise<number[]> {
  const workerArguments = JSON.stringify({ config, boardId, label, batches: 25, batchSize: 2 });
  const { stdout } = await promisify(execFile)(process.execPath, [...childEntryArguments("tests/integration/storage-append-worker.ts"), workerArguments], {
    timeout: 60_000,
  });
  return JSON.parse(stdout) as number[];
}

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

interface TestBoard {
  board: BoardRecord;
  tokenHashes: Record<Role, string>;
  initialState: Uint8Array;
}

function newTestBoard(title = "Portfolio review"): TestBoard {
  const id = `board-${randomBytes(8).toString("hex")}`;
  return {
    board: { id, title, createdAt: T0, updatedAt: T0 },
    tokenHashes: { edit: `edit-hash-${id}`, view: `view-hash-${id}` },
    initialState: new Uint8Array([0, 0]),
  };
}

function update(boardId: string, text: string, createdAt = T0 + 1, author = "Ada"): NewUpdate {
  return { boardId, data: new TextEncoder().encode(text), author, createdAt };
}

function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** Byte-exact comparison that stays fast for MiB payloads and names the first difference. */
function expectSameBytes(actual: Uint8Array | undefined, expected: Uint8Array): void {
  expect(actual).toBeInstanceOf(Uint8Array);
  const actualBytes = actual ?? new Uint8Array();
  expect(actualBytes.byteLength).toBe(expected.byteLength);
  const firstDifference = actualBytes.findIndex((byte, index) => byte !== expected[index]);
  expect(firstDifference).toBe(-1);
}

function version(boardId: string, id: string, createdAt: number, overrides: Partial<VersionRecord> = {}): VersionRecord {
  return { id, boardId, label: `label ${id}`, kind: "named", seq: 0, createdAt, createdBy: "Ada", ...overrides };
}

export function describeStorageContract(backend: string, newLocation: () => Promise<StorageLocation>): void {
  describe(`Storage contract (${backend})`, () => {
    let location: StorageLocation;
    let instances: Storage[];
    let storage: Storage;

    async function openInstance(): Promise<Storage> {
      const instance = await location.open();
      instances.push(instance);
      return instance;
    }

    async function createBoard(on: Storage = storage, title?: string): Promise<TestBoard> {
      const testBoard = newTestBoard(title);
      await on.createBoard(testBoard.board, testBoard.tokenHashes, testBoard.initialState);
      return testBoard;
    }

    beforeEach(async () => {
      location = await newLocation();
      instances = [];
      storage = await openInstance();
    });

    afterEach(async () => {
      for (const instance of instances) await instance.close();
      await location.destroy();
    });

    describe("boards", () => {
      it("creates a board and reads it back; unknown ids are null", async () => {
        const { board } = await createBoard(storage, "Q3 bets");
        expect(await storage.getBoard(board.id)).toEqual(board);
        expect(await storage.getBoard("no-such-board")).toBeNull();
        await expect(storage.ping()).resolves.toBeUndefined();
      });

      it("stores the initial state as the checkpoint at seq 0", async () => {
        const { board, initialState } = await createBoard();
        const checkpoint = await storage.latestCheckpoint(board.id);
        expect(checkpoint).toMatchObject({ boardId: board.id, seq: 0, createdAt: T0 });
        expectSameBytes(checkpoint?.state, initialState);
        expect(await storage.headSeq(board.id)).toBe(0);
      });

      it("rejects a second board with the same id and keeps the first", async () => {
        const first = await createBoard(storage, "first");
        await expect(
          storage.createBoard({ ...first.board, title: "second" }, { edit: "e2", view: "v2" }, new Uint8Array([1])),
        ).rejects.toThrow();
        expect((await storage.getBoard(first.board.id))?.title).toBe("first");
        expect(await storage.findTokenRole(first.board.id, first.tokenHashes.edit)).toBe("edit");
        expect(await storage.findTokenRole(first.board.id, "e2")).toBeNull();
      });

      it("setBoardTitle changes the title and moves updatedAt forward", async () => {
        const { board } = await createBoard();
        await storage.setBoardTitle(board.id, "Renamed ✓", T0 + 60_000);
        expect(await storage.getBoard(board.id)).toEqual({ ...board, title: "Renamed ✓", updatedAt: T0 + 60_000 });
      });

      it("appending updates moves updatedAt to the newest update, never back", async () => {
        const { board } = await createBoard();
        await storage.appendUpdates([update(board.id, "a", T0 + 5_000), update(board.id, "b", T0 + 3_000)]);
        expect((await storage.getBoard(board.id))?.updatedAt).toBe(T0 + 5_000);
        await storage.appendUpdates([update(board.id, "late clock", T0 + 1_000)]);
        expect((await storage.getBoard(board.id))?.updatedAt).toBe(T0 + 5_000);
      });
    });

    describe("tokens", () => {
      it("finds the role of the right hash only, and only on its own board", async () => {
        const a = await createBoard();
        const b = await createBoard();
        expect(await storage.findTokenRole(a.board.id, a.tokenHashes.edit)).toBe("edit");
        expect(await storage.findTokenRole(a.board.id, a.tokenHashes.view)).toBe("view");
        expect(await storage.findTokenRole(a.board.id, "wrong-hash")).toBeNull();
        expect(await storage.findTokenRole(a.board.id, b.tokenHashes.edit)).toBeNull();
        expect(await storage.findTokenRole("no-such-board", a.tokenHashes.edit)).toBeNull();
      });

      it("replaceToken makes the old hash stop matching and leaves the other role and board alone", async () => {
        const a = await createBoard();
        const b = await createBoard();
        await storage.replaceToken(a.board.id, "edit", "rotated-edit-hash");
        expect(await storage.findTokenRole(a.board.id, a.tokenHashes.edit)).toBeNull();
        expect(await storage.findTokenRole(a.board.id, "rotated-edit-hash")).toBe("edit");
        expect(await storage.findTokenRole(a.board.id, a.tokenHashes.view)).toBe("view");
        expect(await storage.findTokenRole(b.board.id, b.tokenHashes.edit)).toBe("edit");
      });

      it("replaceToken on an unknown board rejects", async () => {
        await expect(storage.replaceToken("no-such-board", "view", "hash")).rejects.toThrow(/unknown board/);
      });
    });

    describe("update log", () => {
      it("appendUpdates returns increasing seqs from 1 in input order, continuing across batches", async () => {
        const { board } = await createBoard();
        expect(await storage.appendUpdates([update(board.id, "1"), update(board.id, "2"), update(board.id, "3")])).toEqual([
          1, 2, 3,
        ]);
        expect(await storage.appendUpdates([update(board.id, "4")])).toEqual([4]);
        expect(await storage.appendUpdates([])).toEqual([]);
        expect(await storage.headSeq(board.id)).toBe(4);
        expect((await storage.readUpdates(board.id, 0)).map((stored) => text(stored.data))).toEqual(["1", "2", "3", "4"]);
      });

      it("numbers a batch that mixes boards per board, in input order", async () => {
        const a = (await createBoard()).board.id;
        const b = (await createBoard()).board.id;
        await storage.appendUpdates([update(b, "b1")]);
        const seqs = await storage.appendUpdates([
          update(a, "a1"),
          update(b, "b2"),
          update(a, "a2"),
          update(b, "b3"),
          update(a, "a3"),
        ]);
        expect(seqs).toEqual([1, 2, 2, 3, 3]);
        expect((await storage.readUpdates(a, 0)).map((stored) => [stored.seq, text(stored.data)])).toEqual([
          [1, "a1"],
          [2, "a2"],
          [3, "a3"],
        ]);
        expect((await storage.readUpdates(b, 0)).map((stored) => [stored.seq, text(stored.data)])).toEqual([
          [1, "b1"],
          [2, "b2"],
          [3, "b3"],
        ]);
      });

      it("a batch naming an unknown board rejects and stores nothing of the batch", async () => {
        const { board } = await createBoard();
        await expect(
          storage.appendUpdates([update(board.id, "kept out"), update("no-such-board", "x")]),
        ).rejects.toThrow(/unknown board/);
        expect(await storage.headSeq(board.id)).toBe(0);
        expect(await storage.readUpdates(board.id, 0)).toEqual([]);
        expect(await storage.appendUpdates([update(board.id, "first")])).toEqual([1]);
      });

      it("a batch for an unknown board alone rejects and creates nothing", async () => {
        await expect(storage.appendUpdates([update("no-such-board", "x"), update("no-such-board", "y")])).rejects.toThrow(
          /unknown board/,
        );
        expect(await storage.headSeq("no-such-board")).toBe(0);
        expect(await storage.getBoard("no-such-board")).toBeNull();
      });

      it("stores a batch of 2,500 updates to one board in order", async () => {
        const { board } = await createBoard();
        await storage.appendUpdates([update(board.id, "before")]);
        const batch = Array.from({ length: 2_500 }, (_, index) => update(board.id, `bulk ${index}`));
        const seqs = await storage.appendUpdates(batch);
        expect(seqs).toEqual(Array.from({ length: 2_500 }, (_, index) => index + 2));
        const stored = await storage.readUpdates(board.id, 1);
        expect(stored.map((row) => text(row.data))).toEqual(batch.map((sent) => text(sent.data)));
        expect(await storage.headSeq(board.id)).toBe(2_501);
      });

      it("readUpdates returns the range afterSeq < seq <= uptoSeq with every field", async () => {
        const { board } = await createBoard();
        const other = await createBoard();
        await storage.appendUpdates([
          update(board.id, "one", T0 + 10, "Ada"),
          update(other.board.id, "elsewhere", T0 + 11, "Grace"),
          update(board.id, "two", T0 + 20, "Zoë 🚀"),
          update(board.id, "three", T0 + 30, "restore"),
        ]);
        const all = await storage.readUpdates(board.id, 0);
        expect(all.map(({ data, ...rest }) => ({ ...rest, text: text(data) }))).toEqual([
          { boardId: board.id, seq: 1, author: "Ada", createdAt: T0 + 10, text: "one" },
          { boardId: board.id, seq: 2, author: "Zoë 🚀", createdAt: T0 + 20, text: "two" },
          { boardId: board.id, seq: 3, author: "restore", createdAt: T0 + 30, text: "three" },
        ]);
        expect((await storage.readUpdates(board.id, 1, 2)).map((stored) => stored.seq)).toEqual([2]);
        expect((await storage.readUpdates(board.id, 1)).map((stored) => stored.seq)).toEqual([2, 3]);
        expect((await storage.readUpdates(board.id, 0, 99)).map((stored) => stored.seq)).toEqual([1, 2, 3]);
        expect(await storage.readUpdates(board.id, 3)).toEqual([]);
        expect(await storage.readUpdates(board.id, 2, 2)).toEqual([]);
        expect(await storage.readUpdates("no-such-board", 0)).toEqual([]);
      });

      it("headSeq is 0 for an empty log and for an unknown board", async () => {
        const { board } = await createBoard();
        expect(await storage.headSeq(board.id)).toBe(0);
        expect(await storage.headSeq("no-such-board")).toBe(0);
      });

      it("seqAtTime is the highest seq stored at or before a time", async () => {
        const { board } = await createBoard();
        await storage.appendUpdates([
          update(board.id, "a", T0 + 1_000),
          update(board.id, "b", T0 + 2_000),
          update(board.id, "c", T0 + 2_000),
          update(board.id, "d", T0 + 3_000),
        ]);
        expect(await storage.seqAtTime(board.id, T0 + 999)).toBe(0);
        expect(await storage.seqAtTime(board.id, T0 + 1_000)).toBe(1);
        expect(await storage.seqAtTime(board.id, T0 + 2_000)).toBe(3);
        expect(await storage.seqAtTime(board.id, T0 + 2_500)).toBe(3);
        expect(await storage.seqAtTime(board.id, T0 + 1_000_000)).toBe(4);
        expect(await storage.seqAtTime("no-such-board", T0 + 1_000_000)).toBe(0);
      });

      it("seqAtTime agrees with a scan of a 1,000-update log, between, on and past its times", async () => {
        const { board } = await createBoard();
        // Runs of equal times and gaps of 0–29 ms, appended in batches of 1–7 like group commits.
        const times: number[] = [];
        let time = T0;
        for (let index = 0; index < 1_000; index++) {
          if (index % 3 !== 0) time += (index * 7919) % 30;
          times.push(time);
        }
        for (let start = 0; start < times.length; ) {
          const size = 1 + (start % 7);
          await storage.appendUpdates(times.slice(start, start + size).map((at, offset) => update(board.id, `u${start + offset}`, at)));
          start += size;
        }
        const scan = (at: number) => times.reduce((found, stored, index) => (stored <= at ? index + 1 : found), 0);
        const probes = [T0 - 1, ...times.filter((_, index) => index % 37 === 0).flatMap((at) => [at - 1, at, at + 1]), time, time + 1];
        for (const at of probes) expect({ at, seq: await storage.seqAtTime(board.id, at) }).toEqual({ at, seq: scan(at) });
      });

      it("20 concurrent appendUpdates calls never duplicate or skip a seq", async () => {
        const a = (await createBoard()).board.id;
        const b = (await createBoard()).board.id;
        const batches = Array.from({ length: 20 }, (_, call) =>
          Array.from({ length: 1 + (call % 3) }, (_, position) => update(position % 2 === 0 ? a : b, `${call}:${position}`)),
        );
        const results = await Promise.all(batches.map((batch) => storage.appendUpdates(batch)));
        for (const boardId of [a, b]) {
          const expectedTexts = new Map<number, string>();
          batches.forEach((batch, call) =>
            batch.forEach((sent, position) => {
              const seq = results[call]?.[position];
              if (sent.boardId === boardId && seq !== undefined) expectedTexts.set(seq, text(sent.data));
            }),
          );
          const sentCount = batches.flat().filter((sent) => sent.boardId === boardId).length;
          const stored = await storage.readUpdates(boardId, 0);
          expect(stored.map((row) => row.seq)).toEqual(Array.from({ length: sentCount }, (_, index) => index + 1));
          expect(expectedTexts.size).toBe(sentCount);
          for (const row of stored) expect(text(row.data)).toBe(expectedTexts.get(row.seq));
        }
      });

      it("two instances on one location appending to one board at once never duplicate or skip a seq", async () => {
        const second = await openInstance();
        const { board } = await createBoard();
        const writes = Array.from({ length: 30 }, (_, index) =>
          (index % 2 === 0 ? storage : second).appendUpdates([update(board.id, `w${index}`), update(board.id, `w${index}b`)]),
        );
        const seqs = (await Promise.all(writes)).flat();
        expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, index) => index + 1));
        expect(await second.headSeq(board.id)).toBe(60);
      });

      it("three processes and this one appending to one board at once never duplicate or skip a seq", async () => {
        const { board } = await createBoard();
        const inThisProcess = (async () => {
          const seqs: number[] = [];
          for (let index = 0; index < 25; index += 1) {
            seqs.push(...(await storage.appendUpdates([update(board.id, `here:${index}`)])));
          }
          return seqs;
        })();
        const results = await Promise.all([
          inThisProcess,
          ...["one", "two", "three"].map((label) => appendFromChildProcess(location.config, board.id, label)),
        ]);
        for (const seqs of results) expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
        const total = 25 + 3 * 25 * 2;
        expect(results.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
        const stored = await storage.readUpdates(board.id, 0);
        expect(stored).toHaveLength(total);
        const authorsInOrder = stored.filter((row) => row.author === "two").map((row) => text(row.data));
        expect(authorsInOrder).toEqual(Array.from({ length: 50 }, (_, index) => `two:${Math.floor(index / 2)}:${index % 2}`));
      });
    });

    describe("checkpoints", () => {
      it("latestCheckpoint finds the newest, or the newest at or before atSeq", async () => {
        const { board, initialState } = await createBoard();
        await storage.writeCheckpoint({ boardId: board.id, seq: 7, state: new Uint8Array([7]), createdAt: T0 + 7 });
        await storage.writeCheckpoint({ boardId: board.id, seq: 3, state: new Uint8Array([3]), createdAt: T0 + 3 });
        expect(await storage.latestCheckpoint(board.id)).toEqual({
          boardId: board.id,
          seq: 7,
          state: new Uint8Array([7]),
          createdAt: T0 + 7,
        });
        expect((await storage.latestCheckpoint(board.id, 7))?.seq).toBe(7);
        expect((await storage.latestCheckpoint(board.id, 6))?.seq).toBe(3);
        const initial = await storage.latestCheckpoint(board.id, 2);
        expect(initial?.seq).toBe(0);
        expectSameBytes(initial?.state, initialState);
        expect(await storage.latestCheckpoint("no-such-board")).toBeNull();
      });

      it("writing a checkpoint at an existing seq again is harmless", async () => {
        const { board } = await createBoard();
        await storage.writeCheckpoint({ boardId: board.id, seq: 5, state: new Uint8Array([5]), createdAt: T0 + 5 });
        await storage.writeCheckpoint({ boardId: board.id, seq: 5, state: new Uint8Array([5]), createdAt: T0 + 6 });
        expect((await storage.latestCheckpoint(board.id))?.seq).toBe(5);
      });
    });

    describe("history index", () => {
      function patch(boardId: string, seq: number, author = "Ada") {
        return { boardId, seq, author, createdAt: T0 + seq, items: JSON.stringify({ [`initiatives/i${seq}`]: { seq } }) };
      }

      it("stores patches and segments, reads ranges in order, and reports the head", async () => {
        const { board } = await createBoard();
        expect(await storage.historyIndexHead(board.id)).toBeNull();
        await storage.appendHistoryIndex([], [{ boardId: board.id, seq: 0, content: '{"n":0}', authors: "{}", blockAuthors: "{}" }]);
        expect(await storage.historyIndexHead(board.id)).toBe(0);
        const patches = Array.from({ length: 1_200 }, (_, index) => patch(board.id, index + 1, index % 2 ? "Ben" : "Ada"));
        await storage.appendHistoryIndex(patches, [
          { boardId: board.id, seq: 500, content: '{"n":500}', authors: '{"a":["Ada"]}', blockAuthors: null },
          { boardId: board.id, seq: 1000, content: '{"n":1000}', authors: '{"b":["Ben"]}', blockAuthors: '{"a":["Ada"],"b":["Ben"]}' },
        ]);
        expect(await storage.historyIndexHead(board.id)).toBe(1_200);
        const read = await storage.readHistoryPatches(board.id, 10, 13);
        expect(read).toEqual([patch(board.id, 11, "Ada"), patch(board.id, 12, "Ben"), patch(board.id, 13, "Ada")]);
        expect((await storage.readHistoryPatches(board.id, 0, 1_200)).map((row) => row.seq)).toEqual(patches.map((row) => row.seq));
        expect((await storage.latestHistorySegment(board.id, 999))?.content).toBe('{"n":500}');
        expect(await storage.latestHistorySegment(board.id)).toEqual({
          boardId: board.id,
          seq: 1000,
          content: '{"n":1000}',
          authors: '{"b":["Ben"]}',
          blockAuthors: '{"a":["Ada"],"b":["Ben"]}',
        });
        expect((await storage.latestHistorySegment(board.id, 999))?.blockAuthors).toBeNull();
        expect(await storage.readHistoryBlockAuthors(board.id, 0, 1000)).toEqual([{ seq: 1000, authors: '{"a":["Ada"],"b":["Ben"]}' }]);
        expect(await storage.readHistoryBlockAuthors(board.id, 1000, 2000)).toEqual([]);
        expect(await storage.readHistorySegmentAuthors(board.id, 0, 1000)).toEqual([
          { seq: 500, authors: '{"a":["Ada"]}' },
          { seq: 1000, authors: '{"b":["Ben"]}' },
        ]);
        expect(await storage.latestHistorySegment("no-such-board")).toBeNull();
      });

      it("keeps the first patch or segment stored for a seq", async () => {
        const { board } = await createBoard();
        await storage.appendHistoryIndex([patch(board.id, 1, "Ada")], [{ boardId: board.id, seq: 0, content: "first", authors: "{}", blockAuthors: null }]);
        const other = await openInstance();
        await other.appendHistoryIndex(
          [patch(board.id, 1, "Ben"), patch(board.id, 2, "Ben")],
          [{ boardId: board.id, seq: 0, content: "second", authors: "{}", blockAuthors: null }],
        );
        expect((await storage.readHistoryPatches(board.id, 0, 2)).map((row) => row.author)).toEqual(["Ada", "Ben"]);
        expect((await storage.latestHistorySegment(board.id, 0))?.content).toBe("first");
      });
    });

    describe("versions and snapshots", () => {
      it("lists a board's versions newest first, ties broken by the later insert", async () => {
        const { board } = await createBoard();
        const other = await createBoard();
        const versions = [
          version(board.id, "v1", T0 + 1_000),
          version(board.id, "v2", T0 + 3_000, { kind: "auto", seq: 4, createdBy: "system" }),
          version(board.id, "v3", T0 + 2_000),
          version(board.id, "v4", T0 + 4_000),
          version(board.id, "v5", T0 + 4_000),
          version(other.board.id, "elsewhere", T0 + 9_000),
        ];
        for (const record of versions) await storage.createVersion(record);
        expect((await storage.listVersions(board.id)).map((record) => record.id)).toEqual(["v5", "v4", "v2", "v3", "v1"]);
        expect(await storage.getVersion(board.id, "v2")).toEqual(versions[1]);
        expect(await storage.getVersion(board.id, "elsewhere")).toBeNull();
        expect(await storage.getVersion(board.id, "no-such-version")).toBeNull();
        expect(await storage.listVersions("no-such-board")).toEqual([]);
      });

      it("stores snapshots with and without a version", async () => {
        const { board } = await createBoard();
        await storage.createVersion(version(board.id, "review", T0 + 100, { seq: 2 }));
        const ofVersion = {
          id: "snap-version",
          boardId: board.id,
          versionId: "review",
          title: "Board deck",
          state: new Uint8Array([1, 2, 3]),
          takenAt: T0 + 100,
          createdAt: T0 + 500,
        };
        const ofNow = { ...ofVersion, id: "snap-now", versionId: null, takenAt: T0 + 600, createdAt: T0 + 600 };
        await storage.createSnapshot(ofVersion);
        await storage.createSnapshot(ofNow);
        expect(await storage.getSnapshot("snap-version")).toEqual(ofVersion);
        expect(await storage.getSnapshot("snap-now")).toEqual(ofNow);
        expect(await storage.getSnapshot("no-such-snapshot")).toBeNull();
      });
    });

    describe("binary data", () => {
      const payloads: Record<string, () => Uint8Array> = {
        "empty": () => new Uint8Array(),
        "every byte value": () => Uint8Array.from({ length: 512 }, (_, index) => index % 256),
        "1 MiB of random bytes": () => new Uint8Array(randomBytes(1024 * 1024)),
        "a view into a larger buffer": () => new Uint8Array(randomBytes(64).buffer, 8, 16),
      };

      for (const [name, makePayload] of Object.entries(payloads)) {
        it(`round-trips ${name} byte-exact through updates, checkpoints, snapshots and the initial state`, async () => {
          const payload = makePayload();
          const testBoard = newTestBoard();
          await storage.createBoard(testBoard.board, testBoard.tokenHashes, payload);
          const boardId = testBoard.board.id;
          expectSameBytes((await storage.latestCheckpoint(boardId, 0))?.state, payload);
          await storage.appendUpdates([{ boardId, data: payload, author: "Ada", createdAt: T0 }]);
          expectSameBytes((await storage.readUpdates(boardId, 0))[0]?.data, payload);
          await storage.writeCheckpoint({ boardId, seq: 1, state: payload, createdAt: T0 });
          expectSameBytes((await storage.latestCheckpoint(boardId))?.state, payload);
          await storage.createSnapshot({
            id: `snap-${boardId}`,
            boardId,
            versionId: null,
            title: "bytes",
            state: payload,
            takenAt: T0,
            createdAt: T0,
          });
          expectSameBytes((await storage.getSnapshot(`snap-${boardId}`))?.state, payload);
        });
      }
    });

    describe("durability across instances", () => {
      it("keeps everything after close and reopen, and continues the log from its head", async () => {
        const { board, tokenHashes } = await createBoard(storage, "Before reload");
        await storage.setBoardTitle(board.id, "Reloaded", T0 + 50);
        await storage.replaceToken(board.id, "view", "rotated-view-hash");
        const updates = [update(board.id, "u1", T0 + 10), update(board.id, "u2", T0 + 20, "Grace")];
        await storage.appendUpdates(updates);
        await storage.writeCheckpoint({ boardId: board.id, seq: 2, state: new Uint8Array([2, 2]), createdAt: T0 + 30 });
        const named = version(board.id, "named", T0 + 40, { seq: 2 });
        await storage.createVersion(named);
        const snapshot = {
          id: "snap-reload",
          boardId: board.id,
          versionId: "named",
          title: "Reloaded",
          state: new Uint8Array([9, 9, 9]),
          takenAt: T0 + 40,
          createdAt: T0 + 41,
        };
        await storage.createSnapshot(snapshot);
        await storage.close();

        const reopened = await openInstance();
        expect(await reopened.getBoard(board.id)).toEqual({ ...board, title: "Reloaded", updatedAt: T0 + 50 });
        expect(await reopened.findTokenRole(board.id, tokenHashes.edit)).toBe("edit");
        expect(await reopened.findTokenRole(board.id, tokenHashes.view)).toBeNull();
        expect(await reopened.findTokenRole(board.id, "rotated-view-hash")).toBe("view");
        expect(await reopened.readUpdates(board.id, 0)).toEqual(updates.map((sent, index) => ({ ...sent, seq: index + 1 })));
        expect(await reopened.headSeq(board.id)).toBe(2);
        expect((await reopened.latestCheckpoint(board.id))?.state).toEqual(new Uint8Array([2, 2]));
        expect(await reopened.listVersions(board.id)).toEqual([named]);
        expect(await reopened.getSnapshot("snap-reload")).toEqual(snapshot);
        expect(await reopened.appendUpdates([update(board.id, "u3")])).toEqual([3]);
      });
    });
  });
}
