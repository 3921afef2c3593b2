/**
 * Websocket close codes the collaboration server uses. 4400–4499 tell the stock y-websocket
 * client not to reconnect (a decision reconnecting cannot fix); 4500–4599 and 1012 are transient.
 */
export const CloseCode = {
  /** A message could not be decoded or had an unknown type. */
  MalformedMessage: 4400,
  /** The token that opened this connection was rotated; the link no longer grants access. */
  TokenRevoked: 4401,
  /** The board was deleted while the connection was open. */
  BoardGone: 4404,
  /** A presence state exceeded its size cap. */
  MessageTooLarge: 4413,
  /** A frame exceeded MAX_MESSAGE_BYTES (sent by the ws library itself, RFC 6455 "message too big"). */
  FrameTooLarge: 1009,
  /** The client sent more than the flood limit allows. */
  Flooding: 4429,
  /** Storing an update failed; reconnecting resyncs from durable state. */
  StorageFailure: 4500,
  /** The room could not be loaded from storage. */
  LoadFailure: 4503,
  /** The server is shutting down or restarting; reconnect shortly. */
  ServerRestart: 1012,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];
