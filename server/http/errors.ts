/** Stable API error codes; clients switch on `code`, people read `message`. */
export const ErrorCode = {
  /** The body is not valid JSON. */
  InvalidJson: "invalid_json",
  /** The body or a parameter failed validation; the message names the field. */
  ValidationFailed: "validation_failed",
  /** No token, a wrong token, or a token of another board. */
  Unauthorized: "unauthorized",
  /** The token is valid but its role does not allow this request. */
  Forbidden: "forbidden",
  /** The board, version or snapshot does not exist. */
  NotFound: "not_found",
  /** The HTTP method is not supported on this path. */
  MethodNotAllowed: "method_not_allowed",
  /** The body is larger than this endpoint accepts. */
  PayloadTooLarge: "payload_too_large",
  /** Too many requests from this client; retry later. */
  RateLimited: "rate_limited",
  /** A dependency (storage, Redis) is not answering. */
  Unavailable: "unavailable",
  /** Something unexpected failed; details are in the server log. */
  Internal: "internal_error",
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCodeValue,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  toJSON(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}
