import { describe, expect, it } from "vitest";
import { LatencyRecorder } from "../../bench/clients/stats";

describe("the load generator's latency samples", () => {
  it("gives percentiles by rank and counts the samples at or over a bound", () => {
    const recorder = new LatencyRecorder();
    for (let sample = 1; sample <= 100; sample++) recorder.record(sample);
    expect(recorder.percentiles(50, 99)).toEqual([51, 100]);
    expect(recorder.countAtLeast(100)).toBe(1);
    expect(recorder.countAtLeast(99.5)).toBe(1);
    expect(recorder.countAtLeast(91)).toBe(10);
    expect(recorder.countAtLeast(0)).toBe(100);
    expect(recorder.countAtLeast(101)).toBe(0);
  });

  it("keeps counting past its first buffer, and an empty recorder has no percentiles", () => {
    const recorder = new LatencyRecorder();
    expect(recorder.percentiles(99)).toEqual([null]);
    expect(recorder.countAtLeast(0)).toBe(0);
    for (let index = 0; index < 70_000; index++) recorder.record(index % 2 === 0 ? 1 : 5);
    expect(recorder.count).toBe(70_000);
    expect(recorder.countAtLeast(5)).toBe(35_000);
  });
});
