import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { ApiError, ErrorCode } from "./errors";

export interface RequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  params: Record<string, string>;
  requestId: string;
}

export type Handler = (context: RequestContext) => Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

/** A minimal method + path router; `:name` segments become params. */
export class Router {
  private readonly routes: Route[] = [];

  on(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const pattern = new RegExp(
      "^" +
        path.replace(/:([A-Za-z]+)/g, (_match, key: string) => {
          keys.push(key);
          return "([^/]+)";
        }) +
        "/?$",
    );
    this.routes.push({ method, pattern, keys, handler });
    return this;
  }

  /** The handler for a request, or an ApiError (404/405); null when no route's path matches. */
  match(method: string, pathname: string): { handler: Handler; params: Record<string, string> } | ApiError | null {
    let pathMatched = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, index) => {
        params[key] = decodeURIComponent(match[index + 1] ?? "");
      });
      return { handler: route.handler, params };
    }
    return pathMatched ? new ApiError(405, ErrorCode.MethodNotAllowed, `${method} is not supported here`) : null;
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    ...headers,
  });
  response.end(text);
}

export function sendText(response: ServerResponse, status: number, body: string | Buffer, contentType: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    ...headers,
  });
  response.end(body);
}

/** Reads the body up to `limit` bytes; larger bodies are a 413 without reading the rest. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers["content-length"] ?? "0");
  if (declared > limit) throw new ApiError(413, ErrorCode.PayloadTooLarge, `body larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new ApiError(413, ErrorCode.PayloadTooLarge, `body larger than ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body with a zod schema; failures are 400s that name the field. */
export async function readJson<T>(request: IncomingMessage, schema: z.ZodType<T>, limit = 1024 * 1024): Promise<T> {
  const raw = await readBody(request, limit);
  let value: unknown = {};
  if (raw.length > 0) {
    try {
      value = JSON.parse(raw.toString("utf8"));
    } catch {
      throw new ApiError(400, ErrorCode.InvalidJson, "the body is not valid JSON");
    }
  }
  return parseWith(schema, value);
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join(".") : "body";
    throw new ApiError(400, ErrorCode.ValidationFailed, `${field}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}
