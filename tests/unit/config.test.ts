import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../server/config";

function errorOf(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration", () => {
  it("uses the contract's defaults", () => {
    const config = parseConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe("127.0.0.1");
    expect(config.dataDir).toBe(path.resolve("./data"));
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.publicUrl).toBe("http://127.0.0.1:3000");
    expect(config.publicUrlExplicit).toBe(false);
    expect(config.maxMessageBytes).toBe(8 * 1024 * 1024);
    expect(config.sqliteSynchronous).toBe("normal");
  });

  it("reads SQLITE_SYNCHRONOUS in either case", () => {
    expect(parseConfig({ SQLITE_SYNCHRONOUS: "full" }).sqliteSynchronous).toBe("full");
    expect(parseConfig({ SQLITE_SYNCHRONOUS: "NORMAL" }).sqliteSynchronous).toBe("normal");
  });

  it("reads every variable", () => {
    const config = parseConfig({
      PORT: "8080",
      HOST: "0.0.0.0",
      DATA_DIR: "/tmp/mm",
      DATABASE_URL: "postgres://u@db:5432/mm",
      REDIS_URL: "redis://cache:6379",
      PUBLIC_URL: "https://map.example.com/",
      MAX_MESSAGE_BYTES: "65536",
    });
    expect(config).toMatchObject({
      port: 8080,
      host: "0.0.0.0",
      dataDir: "/tmp/mm",
      databaseUrl: "postgres://u@db:5432/mm",
      redisUrl: "redis://cache:6379",
      publicUrl: "https://map.example.com",
      publicUrlExplicit: true,
      maxMessageBytes: 65536,
    });
  });

  it("derives PUBLIC_URL from HOST and PORT, bracketing IPv6", () => {
    expect(parseConfig({ HOST: "::1", PORT: "4000" }).publicUrl).toBe("http://[::1]:4000");
  });

  it("treats empty values as unset", () => {
    expect(parseConfig({ PORT: "", DATABASE_URL: "" }).port).toBe(3000);
  });

  it.each([
    [{ PORT: "abc" }, "PORT", /port number/],
    [{ PORT: "70000" }, "PORT", /port number/],
    [{ PORT: "30.5" }, "PORT", /integer/],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL", /postgres:\/\//],
    [{ REDIS_URL: "not a url" }, "REDIS_URL", /redis:\/\//],
    [{ PUBLIC_URL: "ftp://x" }, "PUBLIC_URL", /https:\/\//],
    [{ MAX_MESSAGE_BYTES: "12" }, "MAX_MESSAGE_BYTES", /at least 1024/],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL", /.+/],
    [{ SQLITE_SYNCHRONOUS: "off" }, "SQLITE_SYNCHRONOUS", /expected full or normal/],
  ])("rejects %o naming the variable in one line", (env, variable, expected) => {
    const error = errorOf(env as Record<string, string>);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toMatch(expected);
    expect(error.message.split("\n")).toHaveLength(1);
  });
});
