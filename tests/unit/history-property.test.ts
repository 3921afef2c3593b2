import fc from "fast-check";
import type * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { isEmptyDiff } from "../../lib/board/diff";
import { assignModel, createInitiative, createNote, deleteInitiative, setInitiativeText, updateInitiative } from "../../lib/board/mutations";
import { localUserOrigin } from "../../lib/board/origins";
import { boardMaps, readBoard } from "../../lib/board/schema";
import type { BoardContent } from "../../lib/board/types";
import { historyHarness } from "./history-harness";

const AUTHORS = ["Ana", "Ben", "Cy"] as const;
const MODELS = ["capital-project", "staged-venture-bet", "persistent-capacity", null] as const;

type Step =
  | { kind: "create"; author: number; title: string }
  | { kind: "update"; author: number; pick: number; owner: string; status: string }
  | { kind: "retitle"; author: number; pick: number; title: string }
  | { kind: "remodel"; author: number; pick: number; model: number; rationale: string }
  | { kind: "delete"; author: number; pick: number }
  | { kind: "note"; author: number; text: string }
  | { kind: "version" };

const author = fc.integer({ min: 0, max: AUTHORS.length - 1 });
const pick = fc.nat();
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("create" as const), author, title: fc.string({ maxLength: 12 }) }),
  fc.record({ kind: fc.constant("update" as const), author, pick, owner: fc.constantFrom("Ana", "Ben", ""), status: fc.constantFrom("active", "paused", "done") }),
  fc.record({ kind: fc.constant("retitle" as const), author, pick, title: fc.string({ maxLength: 12 }) }),
  fc.record({ kind: fc.constant("remodel" as const), author, pick, model: fc.integer({ min: 0, max: MODELS.length - 1 }), rationale: fc.string({ maxLength: 10 }) }),
  fc.record({ kind: fc.constant("delete" as const), author, pick }),
  fc.record({ kind: fc.constant("note" as const), author, text: fc.string({ maxLength: 12 }) }),
  fc.constant({ kind: "version" as const }),
);

function nthInitiative(doc: Y.Doc, index: number): string | null {
  const ids = Array.from(boardMaps(doc).initiatives.keys()).sort();
  return ids.length === 0 ? null : (ids[index % ids.length] ?? null);
}

function apply(doc: Y.Doc, current: Exclude<Step, { kind: "version" }>): void {
  const origin = localUserOrigin(AUTHORS[current.author] ?? "Ana");
  if (current.kind === "create") {
    createInitiative(doc, { title: current.title, x: 0, y: 0 }, origin);
    return;
  }
  if (current.kind === "note") {
    createNote(doc, { text: current.text, x: 0, y: 0 }, origin);
    return;
  }
  const id = nthInitiative(doc, current.pick);
  if (!id) return;
  if (current.kind === "update") updateInitiative(doc, id, { owner: current.owner, status: current.status }, origin);
  if (current.kind === "retitle") setInitiativeText(doc, id, "title", current.title, origin);
  if (current.kind === "remodel") assignModel(doc, id, MODELS[current.model] ?? null, current.rationale, origin);
  if (current.kind === "delete") deleteInitiative(doc, id, origin);
}

describe("history property", () => {
  it("every version materialises to the state seen when it was taken, and restore(v) then diff(v, now) is empty", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), fc.nat(), async (steps, restorePick) => {
        const harness = await historyHarness();
        try {
          const room = await harness.registry.get(harness.boardId);
          const versions: { record: Awaited<ReturnType<typeof harness.history.createVersion>>; seen: BoardContent }[] = [];
          for (const current of [...steps, { kind: "version" as const }]) {
            if (current.kind === "version") {
              const record = await harness.history.createVersion(harness.boardId, `v${versions.length}`, "named", "tester");
              versions.push({ record, seen: readBoard(room.doc) });
            } else {
              await harness.edit(AUTHORS[current.author] ?? "Ana", (doc) => apply(doc, current));
            }
          }
          for (const version of versions) {
            expect(await harness.history.contentAt(harness.boardId, version.record.seq)).toEqual(version.seen);
          }
          const chosen = versions[restorePick % versions.length];
          if (!chosen) throw new Error("no version");
          await harness.history.restore(harness.boardId, chosen.record, "tester");
          const head = await harness.history.headSeq(harness.boardId);
          const diff = await harness.history.changes(harness.boardId, { seq: chosen.record.seq, label: "v" }, { seq: head, label: "now" });
          expect(isEmptyDiff(diff)).toBe(true);
        } finally {
          await harness.close();
        }
      }),
      { numRuns: 30, seed: 20260501 },
    );
  });
});
