/**
 * Send timestamps embedded in document updates and awareness states as ASCII, so a receiver finds
 * them with a byte search instead of decoding the update with a Y.Doc. Works on merged updates
 * too (Hocuspocus coalesces several writers' updates into one message).
 */

const STAMP_PREFIX = Buffer.from("@ts:");
const COLON = 58;
const SEMICOLON = 59;
const DOT = 46;

/** `@ts:<writer>:<milliseconds>;` — stored as a string field value inside the update. */
export function formatStamp(writer: number, sentAt: number): string {
  return `@ts:${writer}:${sentAt.toFixed(3)};`;
}

/** Reads a non-negative decimal number written with `toFixed`, stopping at `terminator`. */
function readNumber(bytes: Uint8Array, start: number, terminator: number): { value: number; end: number } {
  let value = 0;
  let scale = 0;
  let position = start;
  while (position < bytes.length && bytes[position] !== terminator) {
    const byte = bytes[position] ?? 0;
    if (byte === DOT) scale = 1;
    else {
      value = value * 10 + (byte - 48);
      if (scale > 0) scale *= 10;
    }
    position++;
  }
  return { value: scale > 0 ? value / scale : value, end: position };
}

/** Calls `found` for every stamp in `bytes`. */
export function scanStamps(bytes: Buffer, found: (writer: number, sentAt: number) => void): void {
  let position = bytes.indexOf(STAMP_PREFIX);
  while (position !== -1) {
    const writer = readNumber(bytes, position + STAMP_PREFIX.length, COLON);
    const sentAt = readNumber(bytes, writer.end + 1, SEMICOLON);
    found(writer.value, sentAt.value);
    position = bytes.indexOf(STAMP_PREFIX, sentAt.end);
  }
}

/**
 * The `t` of an awareness state written as `{"t":<milliseconds>,...}` at `bytes[start..end)`,
 * read without JSON.parse.
 */
export function readAwarenessStamp(bytes: Uint8Array, start = 0, end = bytes.length): number | null {
  // `{"t":` is five bytes; anything else (a removed client's `null`) carries no stamp.
  if (end - start < 6 || bytes[start + 2] !== 116) return null;
  return readNumber(bytes, start + 5, 44).value;
}
