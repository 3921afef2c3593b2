import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer, type PerMessageDeflateOptions } from "ws";
import { CloseCode } from "../../server/collab/closeCodes";
import { Connection } from "../../server/collab/connection";
import { frameBinaryMessage } from "../../server/collab/websocketFrame";
import { waitFor } from "../helpers/server";

/**
 * Connection.sendFramed writes a frame built once for a whole room straight to the TCP socket,
 * beside the frames ws writes itself (sync replies, pings, the close). Over real sockets: every
 * message arrives whole and in the order it was sent, whatever its length encoding, and a socket
 * that negotiated compression gets its frames from ws instead.
 */

const servers: WebSocketServer[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function connectedPair(perMessageDeflate: boolean | PerMessageDeflateOptions): Promise<{ connection: Connection; client: WebSocket; received: Buffer[] }> {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate });
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  const accepted = new Promise<WebSocket>((resolve) => server.once("connection", resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate: perMessageDeflate !== false });
  sockets.push(client);
  const received: Buffer[] = [];
  client.on("message", (data: Buffer) => received.push(data));
  await new Promise((resolve) => client.once("open", resolve));
  return { connection: new Connection(await accepted, "board", "edit"), client, received };
}

/** Messages of every websocket length encoding, each starting with its own index. */
function messages(count: number): Buffer[] {
  const lengths = [3, 125, 126, 4000, 65_535, 65_536, 200_000];
  return Array.from({ length: count }, (_, index) => {
    const message = Buffer.alloc(lengths[index % lengths.length] ?? 3, index & 0xff);
    message.writeUInt16BE(index, 0);
    return message;
  });
}

async function sendInterleaved(perMessageDeflate: boolean | PerMessageDeflateOptions): Promise<{ sent: Buffer[]; received: Buffer[]; client: WebSocket }> {
  const { connection, client, received } = await connectedPair(perMessageDeflate);
  const sent = messages(70);
  // Alternate the two paths, and ping in between: ws writes pings itself too.
  sent.forEach((message, index) => {
    if (index % 2 === 0) connection.sendFramed(frameBinaryMessage(message));
    else connection.send(message);
    if (index % 10 === 0) connection.socket.ping();
  });
  await waitFor(() => received.length === sent.length, 10_000, "every message");
  return { sent, received, client };
}

describe("frames built once, written beside ws's own", () => {
  it("S7: prebuilt and ws-framed messages reach the client whole and in order", async () => {
    const { sent, received, client } = await sendInterleaved(false);
    expect(client.extensions).toBe("");
    expect(received.map((message) => message.readUInt16BE(0))).toEqual(sent.map((_, index) => index));
    received.forEach((message, index) => expect(message.equals(sent[index] ?? Buffer.alloc(0))).toBe(true));
  });

  it("S7: a socket that negotiated permessage-deflate gets the same messages through ws", async () => {
    const { sent, received, client } = await sendInterleaved({ threshold: 0 });
    expect(client.extensions).toContain("permessage-deflate");
    expect(received.map((message) => message.readUInt16BE(0))).toEqual(sent.map((_, index) => index));
    received.forEach((message, index) => expect(message.equals(sent[index] ?? Buffer.alloc(0))).toBe(true));
  });

  it("nothing is written after the close handshake began", async () => {
    const { connection, client, received } = await connectedPair(false);
    const closed = new Promise<number>((resolve) => client.once("close", resolve));
    connection.sendFramed(frameBinaryMessage(Buffer.from([1, 2, 3])));
    connection.close(CloseCode.ServerRestart, "bye");
    connection.sendFramed(frameBinaryMessage(Buffer.from([4, 5, 6])));
    expect(await closed).toBe(CloseCode.ServerRestart);
    expect(received.map((message) => [...message])).toEqual([[1, 2, 3]]);
  });
});
