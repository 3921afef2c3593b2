import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../server/app";
import { parseConfig } from "../../server/config";
import { createLogger, scrubSecrets } from "../../server/logger";
import { createBoard, tempDir } from "../helpers/server";

/** Operations: structured JSON logs with a request id and no tokens (issue 7, point 3). */

let running: { server: RunningServer; remove: () => void } | null = null;
afterEach(async () => {
  await running?.server.close();
  running?.remove();
  running = null;
});

describe("structured logs", () => {
  it("every request is logged as JSON with its request id, and no token ever appears", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split("\n").filter((line) => line !== ""));
        done();
      },
    });
    const { dir, remove } = tempDir();
    const config = parseConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dir, LOG_LEVEL: "debug" });
    const server = await startServer({ config, ui: "off", logger: createLogger("debug", sink) });
    running = { server, remove };
    const board = await createBoard(server.url);
    await fetch(`${server.url}/api/boards/${board.id}?token=${board.viewToken}`, { headers: { "x-request-id": "req-with-query-token" } });
    await fetch(`${server.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.editToken}` } });
    await fetch(`${server.url}/api/boards/${board.id}/tokens/rotate?token=${board.editToken}`, { method: "POST", body: "{not json" });

    const records = lines.map((line) => JSON.parse(line) as { msg?: string; requestId?: string; path?: string });
    const requests = records.filter((record) => record.msg === "request");
    expect(requests.length).toBeGreaterThanOrEqual(4);
    expect(requests.every((record) => typeof record.requestId === "string" && record.requestId.length > 0)).toBe(true);
    expect(requests.find((record) => record.requestId === "req-with-query-token")?.path).toBe(`/api/boards/${board.id}`);
    for (const token of [board.editToken, board.viewToken]) expect(lines.join("\n")).not.toContain(token);
  });

  it("scrubs tokens and URL passwords out of free text such as error messages", () => {
    expect(scrubSecrets("GET /collab/b1?token=abc123&x=1 failed")).toBe("GET /collab/b1?token=[redacted]&x=1 failed");
    expect(scrubSecrets("Authorization: Bearer abc.def-123")).toBe("Authorization: Bearer [redacted]");
    expect(scrubSecrets("connect postgres://app:s3cret@db:5432/x refused")).toBe("connect postgres://app:[redacted]@db:5432/x refused");
    expect(scrubSecrets("nothing secret here")).toBe("nothing secret here");
  });
});
