/**
 * Websocket framing (RFC 6455 §5.2) done once for a message that goes to many sockets. Frames a
 * server sends are never masked, so the same bytes are valid on every connection. ws would
 * otherwise frame the message again for every socket and write header and payload as two
 * buffers; a presence batch goes to every connection in the room, hundreds of times a second.
 */

/** FIN set, opcode 2 (binary): one complete, unfragmented binary message. */
const FINAL_BINARY_FRAME = 0x82;
/** Payload lengths up to this fit in the second header byte. */
const MAX_SHORT_LENGTH = 125;
const LENGTH_16_BIT = 126;
const LENGTH_64_BIT = 127;

export interface BroadcastFrame {
  /** The y-protocols message itself (what `ws.send` takes). */
  readonly message: Buffer;
  /** The same message as one complete, unmasked binary websocket frame. */
  readonly framed: Buffer;
}

/** Frames `message` once; `message` of the result is a view into `framed`, not a copy. */
export function frameBinaryMessage(message: Uint8Array): BroadcastFrame {
  const length = message.byteLength;
  const headerLength = length <= MAX_SHORT_LENGTH ? 2 : length <= 0xffff ? 4 : 10;
  const framed = Buffer.allocUnsafe(headerLength + length);
  framed[0] = FINAL_BINARY_FRAME;
  if (headerLength === 2) framed[1] = length;
  else if (headerLength === 4) {
    framed[1] = LENGTH_16_BIT;
    framed.writeUInt16BE(length, 2);
  } else {
    framed[1] = LENGTH_64_BIT;
    framed.writeBigUInt64BE(BigInt(length), 2);
  }
  framed.set(message, headerLength);
  return { message: framed.subarray(headerLength), framed };
}
