/**
 * Stable error codes. HTTP errors carry them in `{ "error": { "code", "message" } }`; a failure after the stream
 * has started carries them in an `error` event. Clients switch on the code, never on the message.
 */
export const ERROR_CODES = [
  'malformed_json',
  'unsupported_content_type',
  'invalid_request',
  'missing_text',
  'text_too_long',
  'body_too_large',
  'conversation_not_found',
  'not_found',
  'rate_limited',
  'upstream_error',
  'upstream_timeout',
  'internal_error',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Body of every non-2xx JSON response from the edge. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}
