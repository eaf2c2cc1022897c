import type { ErrorBody } from '@xiaoer/protocol';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { RateLimitedError, XiaoerError } from '../core/errors.ts';

/** The one place where errors become HTTP responses: `{ "error": { "code", "message" } }` with a stable code. */
export function errorResponse(err: Error, c: Context): Response {
  if (err instanceof XiaoerError) {
    if (err instanceof RateLimitedError) c.header('retry-after', String(err.retryAfterS));
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    return c.json(body, err.status as 400);
  }
  if (err instanceof HTTPException && err.status === 413) {
    return c.json({ error: { code: 'body_too_large', message: err.message } } satisfies ErrorBody, 413);
  }
  console.error('[xiaoer] unexpected error', err);
  const body: ErrorBody = {
    error: { code: 'internal_error', message: 'Something went wrong on our side. Please retry.' },
  };
  return c.json(body, 500);
}
