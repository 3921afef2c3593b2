import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from "../../server/collab/protocol";

/*
 * Frames a hostile or broken client could send: a crafted corpus of known-nasty shapes, random
 * bytes and mutations of valid frames. All within the size limit unless the name says so.
 */

function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

function frameOf(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function validUpdate(seed: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap("initiatives").set(`hostile-${seed}`, new Y.Map<unknown>([["title", new Y.Text("x".repeat(seed % 50))]]));
  doc.getMap("notes").delete("nothing");
  return Y.encodeStateAsUpdate(doc);
}

function v2Update(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap("notes").set("v2", 1);
  return Y.encodeStateAsUpdateV2(doc);
}

/** The crafted corpus: each entry names what it tries. */
export function craftedCorpus(): { name: string; frame: Uint8Array }[] {
  const hugeVarUint = [0xff, 0xff, 0xff, 0xff, 0x0f];
  const manyAwareness = Array.from({ length: 300 }, (_, i) => ({ clientId: i + 1, clock: 1, stateJson: "{}" }));
  return [
    { name: "unknown message type", frame: bytes(4) },
    { name: "huge message type", frame: bytes(...hugeVarUint) },
    { name: "unknown sync type", frame: bytes(0, 9, 1, 0) },
    { name: "truncated varint (type)", frame: bytes(0x80) },
    { name: "truncated varint (sync type)", frame: bytes(0, 0x80) },
    { name: "truncated varint (length)", frame: bytes(0, 2, 0x80, 0x80) },
    { name: "huge payload length", frame: bytes(0, 2, ...hugeVarUint, 1, 2, 3) },
    { name: "huge awareness length", frame: bytes(1, ...hugeVarUint) },
    { name: "huge awareness entry count", frame: frameOf((e) => { encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, bytes(...hugeVarUint)); }) },
    { name: "300 awareness entries", frame: encodeAwareness(manyAwareness) },
    { name: "awareness state that is not JSON", frame: encodeAwareness([{ clientId: 5, clock: 1, stateJson: "{not json" }]) },
    { name: "awareness state over 64 KiB", frame: encodeAwareness([{ clientId: 6, clock: 1, stateJson: JSON.stringify({ pad: "x".repeat(70_000) }) }]) },
    { name: "V2 update as a V1 update", frame: encodeSyncUpdate(v2Update()) },
    { name: "V2 update as sync step 2", frame: encodeSyncStep2(v2Update()) },
    { name: "garbage state vector", frame: encodeSyncStep1(bytes(...hugeVarUint, 1, 2)) },
    { name: "state vector claiming many clients", frame: encodeSyncStep1(bytes(...hugeVarUint)) },
    { name: "update claiming 2^32 structs", frame: encodeSyncUpdate(bytes(...hugeVarUint, 1, 1, 0)) },
    { name: "update with a huge client and clock", frame: encodeSyncUpdate(bytes(1, 1, ...hugeVarUint, ...hugeVarUint, 4, 1, 0)) },
    { name: "delete set claiming 2^32 clients", frame: encodeSyncUpdate(bytes(0, ...hugeVarUint)) },
    { name: "empty update", frame: encodeSyncUpdate(new Uint8Array(0)) },
    { name: "empty frame", frame: new Uint8Array(0) },
    { name: "auth message", frame: bytes(2, 0, 0) },
    { name: "a valid update (the room must still work)", frame: encodeSyncUpdate(validUpdate(1)) },
  ];
}

/** Frames the barrage draws from: mutated valid frames and random bytes, deterministic per `random`. */
export function hostileFrame(random: () => number, index: number): Uint8Array {
  const kind = index % 4;
  if (kind === 0) return Uint8Array.from({ length: 1 + Math.floor(random() * 96) }, () => Math.floor(random() * 256));
  const valid = [encodeSyncUpdate(validUpdate(index)), encodeSyncStep1(bytes(1, 7, 3)), encodeAwareness([{ clientId: 9, clock: index, stateJson: '{"user":{"name":"h"}}' }])];
  const frame = Uint8Array.from(valid[index % valid.length] ?? bytes(0));
  if (kind === 1) {
    for (let flips = 0; flips < 1 + Math.floor(random() * 4); flips++) frame[Math.floor(random() * frame.length)] = Math.floor(random() * 256);
    return frame;
  }
  if (kind === 2) return frame.slice(0, Math.floor(random() * frame.length));
  // Valid every so often: the target room keeps storing while it is attacked.
  return index % 16 === 3 ? frame : Uint8Array.from([...frame.slice(0, 2), ...Array.from({ length: 8 }, () => Math.floor(random() * 256))]);
}
