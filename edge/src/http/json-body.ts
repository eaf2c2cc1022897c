import type { ParseResult } from '@xiaoer/protocol';
import { bodyLimit } from 'hono/body-limit';
import { RequestError } from '../core/errors.ts';

/** Rejects a body over `maxBytes` with `body_too_large` (413) before it is read. */
export function jsonBodyLimit(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new RequestError('body_too_large', 413, `The body is larger than ${maxBytes} bytes.`);
    },
  });
}

/**
 * Reads a JSON request body and validates it with one of the protocol's parsers. Each failure is a RequestError with
 * its stable code: `unsupported_content_type` (415), `malformed_json` (400), or the parser's own code (400).
 */
export async function readJsonBody<T>(req: Request, parse: (raw: unknown) => ParseResult<T>): Promise<T> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new RequestError(
      'unsupported_content_type',
      415,
      `Send the body as application/json (got "${type || 'none'}").`,
    );
  }
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new RequestError('malformed_json', 400, 'The body is not valid JSON.');
  }
  const parsed = parse(raw);
  if (!parsed.ok) throw new RequestError(parsed.code, 400, parsed.message);
  return parsed.value;
}
