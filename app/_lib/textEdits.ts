/**
 * Turning one input event into the smallest Y.Text edit, and moving a caret through someone
 * else's edit. Both keep concurrent typing in one field intact: each person's characters land
 * where they typed them, and nobody's caret jumps.
 */

export interface TextEdit {
  index: number;
  deleteCount: number;
  insert: string;
}

function commonPrefixLength(a: string, b: string, limit: number): number {
  let length = 0;
  while (length < limit && a[length] === b[length]) length++;
  return length;
}

/**
 * The edit from `before` to `after`, given the caret position after the input. The caret
 * resolves the ambiguity of repeated characters ("aa" → "aaa"): the change ends at the caret.
 */
export function editFromInput(before: string, after: string, caretAfter: number): TextEdit | null {
  if (before === after) return null;
  const caret = Math.max(0, Math.min(caretAfter, after.length));
  const tail = after.slice(caret);
  if (tail.length <= before.length && before.endsWith(tail)) {
    const beforeHeadEnd = before.length - tail.length;
    const prefix = commonPrefixLength(before, after, Math.min(beforeHeadEnd, caret));
    return { index: prefix, deleteCount: beforeHeadEnd - prefix, insert: after.slice(prefix, caret) };
  }
  const prefix = commonPrefixLength(before, after, Math.min(before.length, after.length));
  let beforeEnd = before.length;
  let afterEnd = after.length;
  while (beforeEnd > prefix && afterEnd > prefix && before[beforeEnd - 1] === after[afterEnd - 1]) {
    beforeEnd--;
    afterEnd--;
  }
  return { index: prefix, deleteCount: beforeEnd - prefix, insert: after.slice(prefix, afterEnd) };
}

export type TextDelta = readonly { retain?: number; insert?: unknown; delete?: number }[];

/** Where a caret at `position` ends up after a Y.Text delta made by someone else. */
export function mapPositionThroughDelta(position: number, delta: TextDelta): number {
  let mapped = position;
  let index = 0;
  for (const op of delta) {
    if (op.retain !== undefined) {
      index += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === "string" ? op.insert.length : 1;
      if (index < mapped) mapped += length;
      index += length;
    } else if (op.delete !== undefined) {
      if (index < mapped) mapped -= Math.min(op.delete, mapped - index);
    }
    if (index > mapped) break;
  }
  return mapped;
}
