import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { localUserOrigin } from "@/lib/board/origins";
import { extendTimer, formatRemaining, pauseTimer, readTimer, remainingMs, resetTimer, resumeTimer, startTimer, timerPhase } from "@/lib/session/timer";

const origin = localUserOrigin("Ana");

describe("shared timer", () => {
  it("is an anchor: every replica derives the same remaining time from the document", () => {
    const facilitator = new Y.Doc();
    const other = new Y.Doc();
    startTimer(facilitator, { durationMs: 5 * 60_000, label: "Silent writing", by: "Ana", now: 1_000_000 }, origin);
    Y.applyUpdate(other, Y.encodeStateAsUpdate(facilitator));
    for (const doc of [facilitator, other]) {
      const state = readTimer(doc);
      expect(timerPhase(state, 1_060_000)).toBe("running");
      expect(remainingMs(state, 1_060_000)).toBe(4 * 60_000);
      expect(state.label).toBe("Silent writing");
    }
    expect(timerPhase(readTimer(other), 1_300_000)).toBe("finished");
    expect(remainingMs(readTimer(other), 1_400_000)).toBe(0);
  });

  it("pauses, resumes and extends without losing time", () => {
    const doc = new Y.Doc();
    startTimer(doc, { durationMs: 60_000, by: "Ana", now: 0 }, origin);
    expect(pauseTimer(doc, 20_000, origin)).toBe(true);
    expect(timerPhase(readTimer(doc), 500_000)).toBe("paused");
    expect(remainingMs(readTimer(doc), 500_000)).toBe(40_000);
    expect(extendTimer(doc, 30_000, 500_000, origin)).toBe(true);
    expect(resumeTimer(doc, 1_000_000, origin)).toBe(true);
    expect(remainingMs(readTimer(doc), 1_010_000)).toBe(60_000);
    expect(pauseTimer(doc, 2_000_000, origin)).toBe(false);
    resetTimer(doc, origin);
    expect(timerPhase(readTimer(doc), 0)).toBe("idle");
  });

  it("formats minutes and seconds, rounding up", () => {
    expect(formatRemaining(245_000)).toBe("4:05");
    expect(formatRemaining(8_001)).toBe("0:09");
    expect(formatRemaining(3_720_000)).toBe("1:02:00");
    expect(formatRemaining(0)).toBe("0:00");
  });
});
