import { getBezierPath, Position } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import { arcLength, dashedPieces, dashPeriod, parseCubic, subCurve } from "@/app/_lib/dashedPieces";

const longLink = getBezierPath({
  sourceX: 0,
  sourceY: 0,
  sourcePosition: Position.Right,
  targetX: 2400,
  targetY: 900,
  targetPosition: Position.Left,
});

describe("dashed links drawn in pieces", () => {
  it("reads the cubic React Flow draws, and nothing else", () => {
    const curve = parseCubic(longLink[0]);
    expect(curve?.[0]).toEqual({ x: 0, y: 0 });
    expect(curve?.[3]).toEqual({ x: 2400, y: 900 });
    expect(parseCubic("M0,0 L10,10")).toBeNull();
    expect(parseCubic("M0,0 C1,1 2,2 3,3 C4,4 5,5 6,6")).toBeNull();
    expect(parseCubic("M0,0 C1,1 2,NaN 3,3")).toBeNull();
  });

  it("measures a pattern's period as SVG repeats it", () => {
    expect(dashPeriod("10 5")).toBe(15);
    expect(dashPeriod("12 4 2 4")).toBe(22);
    // An odd list is repeated to make it even.
    expect(dashPeriod("4")).toBe(8);
    expect(dashPeriod("0 0")).toBe(0);
  });

  it("splits the curve so the pieces run end to end along it", () => {
    const curve = parseCubic(longLink[0]);
    if (!curve) throw new Error("no curve");
    const left = subCurve(curve, 0, 0.5);
    const right = subCurve(curve, 0.5, 1);
    expect(left[0]).toEqual(curve[0]);
    expect(right[3].x).toBeCloseTo(2400, 9);
    expect(right[3].y).toBeCloseTo(900, 9);
    expect(left[3].x).toBeCloseTo(right[0].x, 9);
    expect(left[3].y).toBeCloseTo(right[0].y, 9);
    // Lengths add up: the halves together are the whole (chords of the same fineness).
    expect(arcLength(left, 0, 1, 200) + arcLength(right, 0, 1, 200)).toBeCloseTo(arcLength(curve, 0, 1, 400), 0);
  });

  it("gives a long link pieces whose offsets continue the pattern, and leaves a short one whole", () => {
    const pieces = dashedPieces(longLink[0], "10 5");
    if (!pieces) throw new Error("expected pieces");
    const curve = parseCubic(longLink[0]);
    if (!curve) throw new Error("no curve");
    const total = arcLength(curve, 0, 1, 400);
    expect(pieces.length).toBe(Math.ceil(total / 300));
    expect(pieces[0]?.dashOffset).toBe(0);
    let travelled = 0;
    pieces.forEach((piece, index) => {
      expect(piece.dashOffset).toBeCloseTo(travelled % 15, 1);
      const own = parseCubic(piece.d);
      if (!own) throw new Error(`piece ${index} is not a cubic`);
      travelled += arcLength(own, 0, 1, 200);
    });
    expect(travelled).toBeCloseTo(total, 0);
    // The last piece ends where the link does.
    expect(parseCubic(pieces.at(-1)?.d ?? "")?.[3]).toEqual({ x: 2400, y: 900 });

    const short = getBezierPath({ sourceX: 0, sourceY: 0, sourcePosition: Position.Right, targetX: 200, targetY: 40, targetPosition: Position.Left });
    expect(dashedPieces(short[0], "10 5")).toBeNull();
    expect(dashedPieces(longLink[0], "0 0")).toBeNull();
  });

  it("caps the number of pieces for a link across a huge board", () => {
    const huge = getBezierPath({ sourceX: 0, sourceY: 0, sourcePosition: Position.Right, targetX: 400_000, targetY: 0, targetPosition: Position.Left });
    expect(dashedPieces(huge[0], "2 5")?.length).toBe(48);
  });
});
