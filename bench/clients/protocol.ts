/**
 * The y-protocols wire format, encoded and decoded by hand so thousands of benchmark clients cost
 * almost nothing: no Y.Doc, no Awareness instance. One message per websocket frame. Hocuspocus
 * frames carry the document name as a leading string; the other servers use plain frames.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
/** Hocuspocus answers a sync step 1 with this type; the payload is an ordinary sync message. */
export const MESSAGE_HOCUSPOCUS_SYNC_REPLY = 4;

export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

/** Hocuspocus' auth message subtype carrying a token. */
const HOCUSPOCUS_AUTH_TOKEN = 0;

/** The encoding of an empty document's state vector and of an empty update. */
const EMPTY_STATE_VECTOR = new Uint8Array([0]);
export const EMPTY_UPDATE = new Uint8Array([0, 0]);

export type Framing = { kind: "plain" } | { kind: "hocuspocus"; documentName: string; token: string };

function frame(framing: Framing, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  if (framing.kind === "hocuspocus") encoding.writeVarString(encoder, framing.documentName);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function encodeSync(framing: Framing, syncType: number, payload: Uint8Array): Uint8Array {
  return frame(framing, (encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, syncType);
    encoding.writeVarUint8Array(encoder, payload);
  });
}

export function encodeSyncStep1(framing: Framing): Uint8Array {
  return encodeSync(framing, SYNC_STEP_1, EMPTY_STATE_VECTOR);
}

export function encodeAwareness(framing: Framing, awarenessUpdate: Uint8Array): Uint8Array {
  return frame(framing, (encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessUpdate);
  });
}

/** Hocuspocus opens a document on a socket only after this message. */
export function encodeHocuspocusAuth(framing: Framing & { kind: "hocuspocus" }): Uint8Array {
  return frame(framing, (encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_AUTH);
    encoding.writeVarUint(encoder, HOCUSPOCUS_AUTH_TOKEN);
    encoding.writeVarString(encoder, framing.token);
  });
}

/** An awareness update for one client, the same bytes `y-protocols/awareness` would write. */
export function encodeAwarenessState(clientId: number, clock: number, stateJson: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, stateJson);
  return encoding.toUint8Array(encoder);
}

export type IncomingMessage =
  | { kind: "sync"; syncType: number; payload: Uint8Array }
  | { kind: "awareness"; payload: Uint8Array }
  | { kind: "other"; messageType: number };

export function decodeMessage(framing: Framing, data: Uint8Array): IncomingMessage {
  const decoder = decoding.createDecoder(data);
  if (framing.kind === "hocuspocus") decoding.readVarString(decoder);
  const messageType = decoding.readVarUint(decoder);
  if (messageType === MESSAGE_SYNC || messageType === MESSAGE_HOCUSPOCUS_SYNC_REPLY) {
    const syncType = decoding.readVarUint(decoder);
    return { kind: "sync", syncType, payload: decoding.readVarUint8Array(decoder) };
  }
  if (messageType === MESSAGE_AWARENESS) {
    return { kind: "awareness", payload: decoding.readVarUint8Array(decoder) };
  }
  return { kind: "other", messageType };
}

/**
 * Calls `visit` for each entry of an awareness update, in place: no object per entry, because a
 * hundred observers each decode every batch and the generator's own garbage collections would
 * show up in the latency it measures. `stateStart`/`stateEnd` delimit the UTF-8 state JSON.
 */
export function forEachAwarenessEntry(
  payload: Uint8Array,
  visit: (clientId: number, clock: number, stateStart: number, stateEnd: number) => void,
): void {
  let position = 0;
  const readVarUint = (): number => {
    let value = 0;
    let multiplier = 1;
    for (;;) {
      const byte = payload[position++];
      if (byte === undefined) throw new RangeError("awareness update ends inside a number");
      value += (byte & 0x7f) * multiplier;
      if (byte < 0x80) return value;
      multiplier *= 128;
    }
  };
  const count = readVarUint();
  for (let index = 0; index < count; index++) {
    const clientId = readVarUint();
    const clock = readVarUint();
    const length = readVarUint();
    visit(clientId, clock, position, position + length);
    position += length;
  }
}
