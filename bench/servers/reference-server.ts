/**
 * The reference y-websocket server (`@y/websocket-server` 0.1.1, in memory, no persistence) on a
 * plain `ws` server: the baseline every Modelmap figure is compared with. Env: PORT, HOST.
 */
import http from "node:http";
import { WebSocketServer } from "ws";
import { setupWSConnection } from "@y/websocket-server/utils";

const port = Number(process.env.PORT ?? 1234);
const host = process.env.HOST ?? "127.0.0.1";

const httpServer = http.createServer((_request, response) => {
  response.writeHead(200, { "Content-Type": "text/plain" });
  response.end("ok");
});
const websocketServer = new WebSocketServer({ noServer: true });

httpServer.on("upgrade", (request, socket, head) => {
  websocketServer.handleUpgrade(request, socket, head, (socketToClient) => {
    const docName = (request.url ?? "/").slice(1).split("?")[0] ?? "";
    setupWSConnection(socketToClient, request, { docName });
  });
});

httpServer.listen(port, host, () => console.log(`reference server listening on ${host}:${port}`));

// Exit through process.exit so `node --cpu-prof` writes its profile.
process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
