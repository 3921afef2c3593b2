import pino, { type DestinationStream, type Logger } from "pino";

/** A token in a URL (`?token=`, `&token=`, `#token=`) or an Authorization header value. */
const SECRET_IN_TEXT = /([?&#]token=)[^&#\s"']+|(Bearer\s+)[A-Za-z0-9._~+/=-]+|(\/\/[^/:@\s]+:)[^@/\s]+@/gi;

/** Replaces tokens and URL passwords inside free text (error messages, stacks) with "[redacted]". */
export function scrubSecrets(text: string): string {
  return text.replace(SECRET_IN_TEXT, (_match, query?: string, bearer?: string, userinfo?: string) => `${query ?? bearer ?? userinfo ?? ""}[redacted]${userinfo ? "@" : ""}`);
}

/**
 * Structured JSON logs. Tokens never appear: URLs are logged without their query string,
 * token and authorization fields are redacted, and error texts are scrubbed of tokens and
 * passwords (a driver's error may quote the URL it was given).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "modelmap" },
      redact: {
        paths: ["token", "*.token", "authorization", "*.authorization", "headers.authorization", "*.headers.authorization", "password", "*.password"],
        censor: "[redacted]",
      },
      serializers: {
        err: (error: unknown) => {
          const serialized = pino.stdSerializers.err(error as Error);
          if (typeof serialized.message === "string") serialized.message = scrubSecrets(serialized.message);
          if (typeof serialized.stack === "string") serialized.stack = scrubSecrets(serialized.stack);
          return serialized;
        },
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === "string" ? scrubSecrets(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

/** The path of a request URL without query or fragment (where tokens may travel). */
export function loggablePath(url: string | undefined): string {
  const raw = url ?? "/";
  const cut = raw.search(/[?#]/);
  return cut === -1 ? raw : raw.slice(0, cut);
}
