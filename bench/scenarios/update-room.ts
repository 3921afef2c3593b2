/**
 * One room under document-update load, shared by `fanout` and `ramp`: writers hold a real Y.Doc
 * (so their updates are genuine Yjs updates) and stamp an initiative field with the send time;
 * every connection, writers included, finds the stamps of others with a byte search.
 */
import * as Y from "yjs";
import { INITIATIVE_TEXT_FIELDS, boardMaps, itemMap } from "../../lib/board/schema";
import { LightClient, openClients } from "../clients/light-client";
import { startPacer } from "../clients/pacer";
import { formatStamp, scanStamps } from "../clients/stamps";
import { LatencyRecorder, sleep } from "../clients/stats";
import type { RunningServer } from "../servers/targets";

interface Writer {
  doc: Y.Doc;
  initiative: Y.Map<unknown>;
}

export interface LoadOutcome {
  sent: number;
  delivered: number;
  expected: number;
  framesReceived: number;
  latency: LatencyRecorder;
  /** The same samples split by when they were sent: within WARMUP_MS of the start, or after. */
  warmupLatency: LatencyRecorder;
  steadyLatency: LatencyRecorder;
  /** How long the sending really lasted; more than asked for means the generator was starved. */
  loadSeconds: number;
}

/**
 * The first second of load, reported apart as well: a fresh server process meets its first
 * updates with cold code (nothing compiled yet), and a run's slowest percent can come largely
 * from that second, more for one server than another.
 */
export const WARMUP_MS = 1000;

export class UpdateRoom {
  private latency = new LatencyRecorder();
  private warmupLatency = new LatencyRecorder();
  private steadyLatency = new LatencyRecorder();
  private loadStartedAt = 0;
  private delivered = 0;
  private framesReceived = 0;

  private constructor(
    private readonly clients: LightClient[],
    private readonly writers: Writer[],
  ) {}

  static async open(server: RunningServer, connectionCount: number, writerCount: number): Promise<UpdateRoom> {
    const address = await server.openRoom("fanout");
    const room = new UpdateRoom([], []);
    const clients = await openClients(connectionCount, 20, async (index) => {
      const client = new LightClient(address, {
        onUpdate: (bytes) => room.receive(index, bytes),
      });
      await client.opened;
      await client.synced;
      return client;
    });
    room.clients.push(...clients);
    for (let index = 0; index < writerCount; index++) {
      const doc = new Y.Doc();
      const writerClient = clients[index];
      if (!writerClient) throw new Error("more writers than connections");
      doc.on("update", (update: Uint8Array) => writerClient.sendUpdate(update));
      const initiative = itemMap(
        { title: `Writer ${index}`, notes: "", modelId: null, owner: "bench", status: "active", x: index * 50, y: 0 },
        INITIATIVE_TEXT_FIELDS,
      );
      boardMaps(doc).initiatives.set(`bench-writer-${index}-${doc.clientID}`, initiative);
      room.writers.push({ doc, initiative });
    }
    // Let the initiatives' creation reach everyone before anything is measured.
    await sleep(500);
    return room;
  }

  private receive(receiver: number, bytes: Buffer): void {
    this.framesReceived++;
    const now = performance.now();
    scanStamps(bytes, (writer, sentAt) => {
      if (writer === receiver) return;
      this.delivered++;
      this.latency.record(now - sentAt);
      (sentAt - this.loadStartedAt < WARMUP_MS ? this.warmupLatency : this.steadyLatency).record(now - sentAt);
    });
  }

  /** Offers `rate` updates per second for `durationMs`, then waits for stragglers. */
  async runLoad(rate: number, durationMs: number, drainMs = 3000): Promise<LoadOutcome> {
    this.latency = new LatencyRecorder();
    this.warmupLatency = new LatencyRecorder();
    this.steadyLatency = new LatencyRecorder();
    this.delivered = 0;
    this.framesReceived = 0;
    const startedAt = (this.loadStartedAt = performance.now());
    const stop = startPacer(rate, this.writers.length, (writerIndex) => {
      const writer = this.writers[writerIndex];
      writer?.initiative.set("benchStamp", formatStamp(writerIndex, performance.now()));
    });
    await sleep(durationMs);
    const sent = stop();
    const loadSeconds = (performance.now() - startedAt) / 1000;
    const expected = sent * (this.clients.length - 1);
    const drainUntil = performance.now() + drainMs;
    while (this.delivered < expected && performance.now() < drainUntil) await sleep(20);
    return {
      sent,
      delivered: this.delivered,
      expected,
      framesReceived: this.framesReceived,
      latency: this.latency,
      warmupLatency: this.warmupLatency,
      steadyLatency: this.steadyLatency,
      loadSeconds,
    };
  }

  close(): void {
    for (const client of this.clients) client.close();
    for (const writer of this.writers) writer.doc.destroy();
  }
}
