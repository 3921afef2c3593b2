import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";

/** y-websocket message types (first varuint of every frame). */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;
/** y-protocols sync sub-types. */
export const SyncType = { Step1: 0, Step2: 1, Update: 2 } as const;

export type ClientMessage =
  | { type: "sync-step-1"; stateVector: Uint8Array }
  | { type: "sync-update"; update: Uint8Array; step: "step-2" | "update" }
  | { type: "awareness"; entries: ClientAwarenessEntry[] }
  | { type: "query-awareness" }
  | { type: "auth" };

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as JSON text ("null" when the client left). Kept as text: relayed, not parsed. */
  stateJson: string;
}

/** An entry as a client sent it, with what the server reads from its state. */
export interface ClientAwarenessEntry extends AwarenessEntry {
  /** The state's `user.name`, trimmed and cut to 100 characters; null when it has none. */
  userName: string | null;
}

export class ProtocolError extends Error {
  override name = "ProtocolError";
}

/** The most awareness entries one message may carry (one per client tab; generous). */
const MAX_AWARENESS_ENTRIES = 256;

/**
 * Decodes one client frame. Only V1 decoders are used and every length is bounded by the
 * frame itself, so crafted lengths cannot allocate more than the (size-limited) frame.
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === SyncType.Step1) return { type: "sync-step-1", stateVector: validStateVector(payload) };
        if (syncType === SyncType.Step2) return { type: "sync-update", update: payload, step: "step-2" };
        if (syncType === SyncType.Update) return { type: "sync-update", update: payload, step: "update" };
        throw new ProtocolError(`unknown sync message type ${syncType}`);
      }
      case MessageType.Awareness:
        return { type: "awareness", entries: decodeAwarenessUpdate(decoding.readVarUint8Array(decoder)) };
      case MessageType.QueryAwareness:
        return { type: "query-awareness" };
      case MessageType.Auth:
        return { type: "auth" };
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`undecodable frame: ${(error as Error).message}`);
  }
}

function decodeAwarenessUpdate(update: Uint8Array): ClientAwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > MAX_AWARENESS_ENTRIES) throw new ProtocolError(`awareness message with ${count} entries`);
  const entries: ClientAwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const stateJson = decoding.readVarString(decoder);
    // Parsed once, here: it rejects non-JSON and yields the author name. The text itself is
    // what gets relayed.
    const state: unknown = JSON.parse(stateJson);
    entries.push({ clientId, clock, stateJson, userName: userNameOf(state) });
  }
  return entries;
}

function userNameOf(state: unknown): string | null {
  if (typeof state !== "object" || state === null || !("user" in state)) return null;
  const user: unknown = state.user;
  if (typeof user !== "object" || user === null || !("name" in user)) return null;
  const name = user.name;
  return typeof name === "string" && name.trim() !== "" ? name.trim().slice(0, 100) : null;
}

/**
 * Checks that bytes are a well-formed V1 update without touching any document.
 * Never call V2 or merge functions on client bytes: tiny crafted payloads make them explode.
 */
export function assertValidUpdate(update: Uint8Array): { empty: boolean } {
  try {
    const decoded = Y.decodeUpdate(update);
    return { empty: decoded.structs.length === 0 && decoded.ds.clients.size === 0 };
  } catch (error) {
    throw new ProtocolError(`invalid update: ${(error as Error).message}`);
  }
}

/** S14: a state vector that does not decode is a malformed message, not a server error. */
function validStateVector(stateVector: Uint8Array): Uint8Array {
  try {
    Y.decodeStateVector(stateVector);
    return stateVector;
  } catch (error) {
    throw new ProtocolError(`invalid state vector: ${(error as Error).message}`);
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Step1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Step2);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Update);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeAwareness(entries: Iterable<AwarenessEntry>): Uint8Array {
  const list = Array.from(entries);
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Awareness);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, list.length);
    for (const entry of list) {
      encoding.writeVarUint(inner, entry.clientId);
      encoding.writeVarUint(inner, entry.clock);
      encoding.writeVarString(inner, entry.stateJson);
    }
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  });
}
