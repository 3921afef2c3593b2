import { afterEach, describe, expect, it } from "vitest";
import { createNote } from "../../lib/board/mutations";
import { localUserOrigin } from "../../lib/board/origins";
import { readBoard } from "../../lib/board/schema";
import { HistoryRecorder } from "../../server/history/recorder";
import { createLogger } from "../../server/logger";
import { waitFor } from "../helpers/server";
import { historyHarness, type HistoryHarness } from "./history-harness";

let harness: HistoryHarness;

afterEach(async () => {
  await harness.close();
});

async function note(author: string, text: string): Promise<void> {
  await harness.edit(author, (doc) => createNote(doc, { text, x: 0, y: 0 }, localUserOrigin(author)));
}

describe("automatic versions", () => {
  it("saves one version when the board quiets down after edits, naming who edited", async () => {
    harness = await historyHarness();
    const recorder = new HistoryRecorder(harness.history, createLogger("silent"), { quietMs: 100, maxIntervalMs: 3_600_000 });
    harness.hooks.afterStore = recorder.afterStore;
    await note("Ana", "first");
    await note("Ben", "second");
    await waitFor(async () => (await harness.storage.listVersions(harness.boardId)).length > 0, 10_000, "an automatic version");
    const [version] = await harness.storage.listVersions(harness.boardId);
    expect(version).toMatchObject({ kind: "auto", createdBy: "Ana, Ben", seq: 2 });
    const content = await harness.history.contentAt(harness.boardId, version?.seq ?? -1);
    const room = await harness.registry.get(harness.boardId);
    expect(content).toEqual(readBoard(room.doc));
    // Quiet and nothing new: no further version.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await harness.storage.listVersions(harness.boardId)).toHaveLength(1);
  });

  it("saves at least every interval while edits keep coming", async () => {
    harness = await historyHarness();
    const recorder = new HistoryRecorder(harness.history, createLogger("silent"), { quietMs: 3_600_000, maxIntervalMs: 50 });
    harness.hooks.afterStore = recorder.afterStore;
    for (let index = 0; index < 8; index++) {
      await note("Ana", `note ${index}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await waitFor(async () => (await harness.storage.listVersions(harness.boardId)).length >= 2, 10_000, "two interval versions");
    const versions = await harness.storage.listVersions(harness.boardId);
    expect(versions.every((version) => version.kind === "auto" && version.label === "Auto-saved during editing")).toBe(true);
  });
});
