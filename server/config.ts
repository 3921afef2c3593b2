import path from "node:path";
import { z } from "zod";

const port = z.coerce
  .number({ error: "expected an integer port number between 0 and 65535" })
  .int("expected an integer port number between 0 and 65535")
  .min(0, "expected an integer port number between 0 and 65535")
  .max(65535, "expected an integer port number between 0 and 65535");

const urlWithProtocols = (protocols: string[], example: string) =>
  z
    .string()
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `expected a URL like ${example}`);

const positiveBytes = z.coerce
  .number({ error: "expected a positive number of bytes" })
  .int("expected a positive whole number of bytes")
  .min(1024, "expected at least 1024 bytes")
  .max(256 * 1024 * 1024, "expected at most 268435456 bytes (256 MiB)");

const EnvironmentSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1, "expected a host name or IP address to bind to").default("127.0.0.1"),
  DATA_DIR: z.string().min(1, "expected a directory path").default("./data"),
  DATABASE_URL: urlWithProtocols(["postgres:", "postgresql:"], "postgres://user@host:5432/db").optional(),
  REDIS_URL: urlWithProtocols(["redis:", "rediss:"], "redis://127.0.0.1:6379").optional(),
  PUBLIC_URL: urlWithProtocols(["http:", "https:"], "https://modelmap.example.com").optional(),
  MAX_MESSAGE_BYTES: positiveBytes.default(8 * 1024 * 1024),
  SQLITE_SYNCHRONOUS: z
    .string()
    .toLowerCase()
    .pipe(z.enum(["full", "normal"], { error: "expected full or normal (normal survives a process crash, full also a power loss)" }))
    .default("normal"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  /** Base of share links, without a trailing slash. */
  publicUrl: string;
  /** Whether PUBLIC_URL was set explicitly (then websocket Origin checks use it). */
  publicUrlExplicit: boolean;
  maxMessageBytes: number;
  /** SQLite durability per commit: `normal` survives a process crash, `full` also a power loss. */
  sqliteSynchronous: "full" | "normal";
  logLevel: z.infer<typeof EnvironmentSchema>["LOG_LEVEL"];
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`Invalid environment variable ${variable}: ${expected}`);
    this.name = "ConfigError";
  }
}

/** Empty strings count as unset, as in most shells' `VAR= command`. */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== "") out[key] = value;
  return out;
}

/** Parses the environment; throws ConfigError naming the first bad variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvironmentSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? "environment");
    throw new ConfigError(variable, issue?.message ?? "invalid value");
  }
  const value = parsed.data;
  const displayHost = value.HOST.includes(":") ? `[${value.HOST}]` : value.HOST;
  const publicUrl = (value.PUBLIC_URL ?? `http://${displayHost}:${value.PORT}`).replace(/\/+$/, "");
  return {
    port: value.PORT,
    host: value.HOST,
    dataDir: path.resolve(value.DATA_DIR),
    databaseUrl: value.DATABASE_URL,
    redisUrl: value.REDIS_URL,
    publicUrl,
    publicUrlExplicit: value.PUBLIC_URL !== undefined,
    maxMessageBytes: value.MAX_MESSAGE_BYTES,
    sqliteSynchronous: value.SQLITE_SYNCHRONOUS,
    logLevel: value.LOG_LEVEL,
  };
}
