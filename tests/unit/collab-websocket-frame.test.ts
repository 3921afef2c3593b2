import * as ws from "ws";
import { describe, expect, it } from "vitest";
import { frameBinaryMessage } from "../../server/collab/websocketFrame";

/** ws's own framing (exported, but not in its type declarations), the reference for ours. */
const { Sender } = ws as unknown as {
  Sender: { frame(data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean }): Buffer[] };
};

function framedByWs(message: Buffer): Buffer {
  return Buffer.concat(Sender.frame(message, { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false }));
}

describe("websocket frames built once for a broadcast", () => {
  // 125, 126, 65535 and 65536 are where the length field changes size (RFC 6455 §5.2).
  it.each([0, 1, 125, 126, 1000, 65_535, 65_536, 300_000])("S7: a %i-byte message is framed byte for byte as ws frames it", (length) => {
    const message = Buffer.alloc(length);
    for (let index = 0; index < length; index++) message[index] = (index * 31 + 7) & 0xff;
    const frame = frameBinaryMessage(new Uint8Array(message));
    expect(frame.framed.equals(framedByWs(message))).toBe(true);
    expect(frame.message.equals(message)).toBe(true);
    // The message is a view into the frame: one allocation per broadcast, not two.
    expect(frame.message.buffer).toBe(frame.framed.buffer);
  });
});
