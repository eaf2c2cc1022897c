/**
 * A failed request's error as one line for the benchmark report: Node's error code first when it has one.
 * @example describeError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' }))
 * // 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:8000'
 */
export function describeError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${(error as Error).message}` : String((error as Error).message);
}
