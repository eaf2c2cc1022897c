/**
 * Parses `500ms`, `5s`, `2m` or a bare number of milliseconds into milliseconds; throws a clear error otherwise.
 * Zero is refused unless `allowZero` (a warm-up may be switched off; a measurement may not).
 */
export function parseDuration(text: string, name: string, { allowZero = false } = {}): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) throw new Error(`${name} must be a duration like 500ms, 5s or 2m (got "${text}")`);
  const n = Number(m[1]);
  const ms = m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n;
  if (ms < 0 || (ms === 0 && !allowZero)) throw new Error(`${name} must be longer than 0 (got "${text}")`);
  return ms;
}
