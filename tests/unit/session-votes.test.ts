import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { localUserOrigin } from "@/lib/board/origins";
import { activeVote, castDot, closeVote, dotCounts, dotsLeft, rankVote, readVotes, removeDot, startVote } from "@/lib/session/votes";

const origin = localUserOrigin("Ana");
const titles = new Map([
  ["a", "Checkout"],
  ["b", "Search"],
  ["c", "Billing"],
]);

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

describe("dot voting", () => {
  it("ranks initiatives by dots from three voters", () => {
    const doc = new Y.Doc();
    const voteId = startVote(doc, { title: "Next quarter", votesPerPerson: 2, durationMs: null, anonymous: false }, "Ana", 1000, origin);
    const cast = (voter: string, initiative: string, at: number) => castDot(doc, voteId, { id: voter, name: voter }, initiative, at, origin);
    expect(cast("ana", "a", 1001)).toBe(true);
    expect(cast("ana", "b", 1002)).toBe(true);
    expect(cast("ana", "c", 1003)).toBe(false);
    cast("ben", "b", 1004);
    cast("ben", "b", 1005);
    cast("cy", "c", 1006);
    cast("cy", "b", 1007);
    const vote = readVotes(doc)[0];
    if (!vote) throw new Error("no vote");
    expect(rankVote(vote, titles).map((entry) => [entry.title, entry.count])).toEqual([
      ["Search", 4],
      ["Checkout", 1],
      ["Billing", 1],
    ]);
    expect(rankVote(vote, titles)[0]?.voters).toEqual(["ana", "ben", "cy"]);
    expect(dotsLeft(vote, "ana")).toBe(0);
    expect(dotsLeft(vote, "dee")).toBe(2);
  });

  it("an anonymous vote stores no voter names", () => {
    const doc = new Y.Doc();
    const voteId = startVote(doc, { title: "", votesPerPerson: 3, durationMs: null, anonymous: true }, "Ana", 0, origin);
    castDot(doc, voteId, { id: "v1", name: "Ana" }, "a", 1, origin);
    const vote = readVotes(doc)[0];
    expect(vote?.dots[0]?.voterName).toBe("");
    expect(vote && rankVote(vote, titles)[0]?.voters).toEqual([]);
    expect(vote?.title).toBe("Dot vote");
  });

  it("a voter racing past the limit from two replicas has only their first dots counted", () => {
    const left = new Y.Doc();
    const right = new Y.Doc();
    const voteId = startVote(left, { title: "Race", votesPerPerson: 1, durationMs: null, anonymous: false }, "Ana", 0, origin);
    sync(left, right);
    castDot(left, voteId, { id: "ana", name: "Ana" }, "a", 10, origin);
    castDot(right, voteId, { id: "ana", name: "Ana" }, "b", 20, origin);
    sync(left, right);
    sync(right, left);
    for (const doc of [left, right]) {
      const vote = readVotes(doc)[0];
      if (!vote) throw new Error("no vote");
      expect(vote.dots).toHaveLength(2);
      expect([...dotCounts(vote)]).toEqual([["a", 1]]);
    }
  });

  it("a time box ends the vote; closing freezes the ranking in the document", () => {
    const doc = new Y.Doc();
    const voteId = startVote(doc, { title: "Timed", votesPerPerson: 3, durationMs: 60_000, anonymous: false }, "Ana", 0, origin);
    expect(activeVote(readVotes(doc), 59_999)?.id).toBe(voteId);
    expect(castDot(doc, voteId, { id: "ana", name: "Ana" }, "a", 1000, origin)).toBe(true);
    expect(activeVote(readVotes(doc), 60_000)).toBeNull();
    expect(castDot(doc, voteId, { id: "ana", name: "Ana" }, "b", 60_001, origin)).toBe(false);
    expect(closeVote(doc, voteId, titles, 70_000, origin)).toBe(true);
    const vote = readVotes(doc)[0];
    expect(vote?.closedAt).toBe(60_000);
    expect(vote?.result).toEqual([{ initiativeId: "a", title: "Checkout", count: 1, voters: ["Ana"] }]);
    // The frozen titles survive a later rename or deletion of the card.
    expect(closeVote(doc, voteId, new Map(), 80_000, origin)).toBe(false);
  });

  it("removing a dot gives it back; a new vote closes the open one", () => {
    const doc = new Y.Doc();
    const first = startVote(doc, { title: "One", votesPerPerson: 1, durationMs: null, anonymous: false }, "Ana", 0, origin);
    castDot(doc, first, { id: "ana", name: "Ana" }, "a", 1, origin);
    expect(removeDot(doc, first, "ana", "a", 2, origin)).toBe(true);
    expect(removeDot(doc, first, "ana", "a", 3, origin)).toBe(false);
    const second = startVote(doc, { title: "Two", votesPerPerson: 1, durationMs: null, anonymous: false }, "Ana", 10, origin);
    const votes = readVotes(doc);
    expect(votes.map((vote) => vote.id)).toEqual([second, first]);
    expect(votes[1]?.closedAt).toBe(10);
    expect(activeVote(votes, 11)?.id).toBe(second);
  });
});
