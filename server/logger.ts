import pino, { type Logger } from "pino";

/** Structured JSON logs. Tokens never appear: URLs are logged without their query string. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "modelmap" },
    redact: { paths: ["token", "*.token", "headers.authorization", "*.headers.authorization"], censor: "[redacted]" },
  });
}

/** The path of a request URL without query or fragment (where tokens may travel). */
export function loggablePath(url: string | undefined): string {
  const raw = url ?? "/";
  const cut = raw.search(/[?#]/);
  return cut === -1 ? raw : raw.slice(0, cut);
}
