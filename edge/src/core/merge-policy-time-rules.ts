import { type DateRange, DEFAULT_POLICY_TIME_RULES, type PolicyTimeRules } from './evaluate-policy-rules.ts';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const NUMBERS = [
  'utcOffsetMinutes',
  'unpaidAutoCancelMinutes',
  'selfCancelHours',
  'noReasonReturnDays',
  'damageReportHours',
  'priceProtectionHours',
] as const;

/**
 * Overlays a shop's time rules (shop.json `timeRules`) on the defaults, key by key, and refuses what the rules could
 * not use, naming the key: a cut-off that is not `HH:MM`, a date range that is not `MM-DD` or `YYYY-MM-DD` (or ends
 * before it starts), a duration that is not a number of at least 0, an offset outside ±14 hours. A wrong value would
 * otherwise turn into a wrong shipping date told to a customer.
 * @example mergePolicyTimeRules({ cutoffs: { weekday: '17:00' } }).cutoffs // { weekday: '17:00', sunday: '12:00', holiday: '12:00' }
 */
export function mergePolicyTimeRules(
  partial: unknown,
  base: PolicyTimeRules = DEFAULT_POLICY_TIME_RULES,
): PolicyTimeRules {
  if (partial === undefined || partial === null) return base;
  const p = object(partial, 'timeRules');
  const out: PolicyTimeRules = { ...base, cutoffs: { ...base.cutoffs } };
  for (const key of NUMBERS) {
    const v = p[key];
    if (v === undefined) continue;
    const min = key === 'utcOffsetMinutes' ? -840 : 0;
    const max = key === 'utcOffsetMinutes' ? 840 : Number.MAX_SAFE_INTEGER;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
      throw new TypeError(
        `timeRules.${key} must be a number from ${min}${key === 'utcOffsetMinutes' ? ` to ${max}` : ' up'}`,
      );
    out[key] = v;
  }
  if (p.cutoffs !== undefined) {
    const c = object(p.cutoffs, 'timeRules.cutoffs');
    for (const day of ['weekday', 'sunday', 'holiday'] as const) {
      if (c[day] === undefined) continue;
      if (typeof c[day] !== 'string' || !HHMM.test(c[day]))
        throw new TypeError(
          `timeRules.cutoffs.${day} must be a time of day as HH:MM (got ${JSON.stringify(c[day])})`,
        );
      out.cutoffs[day] = c[day];
    }
  }
  if (p.holidays !== undefined) out.holidays = ranges(p.holidays, 'timeRules.holidays');
  if (p.peaks !== undefined) {
    out.peaks = ranges(p.peaks, 'timeRules.peaks').map((range, i) => {
      const hours = (p.peaks as Record<string, unknown>[])[i]!.shipWithinHours;
      if (
        !Array.isArray(hours) ||
        hours.length !== 2 ||
        !hours.every((h) => typeof h === 'number' && Number.isFinite(h) && h >= 0) ||
        hours[0] > hours[1]
      )
        throw new TypeError(`timeRules.peaks[${i}].shipWithinHours must be [fewest, most] hours`);
      return { ...range, shipWithinHours: [hours[0], hours[1]] as [number, number] };
    });
  }
  return out;
}

function object(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new TypeError(`${what} must be a JSON object`);
  return v as Record<string, unknown>;
}

function ranges(v: unknown, what: string): DateRange[] {
  if (!Array.isArray(v)) throw new TypeError(`${what} must be a list of date ranges`);
  return v.map((item, i) => {
    const r = object(item, `${what}[${i}]`);
    for (const end of ['from', 'to'] as const) {
      if (typeof r[end] !== 'string' || !DATE.test(r[end]))
        throw new TypeError(
          `${what}[${i}].${end} must be a date as MM-DD or YYYY-MM-DD (got ${JSON.stringify(r[end])})`,
        );
    }
    const [from, to] = [r.from as string, r.to as string];
    if (from.length !== to.length || from > to)
      throw new TypeError(
        `${what}[${i}] must end on or after its start, written the same way (${from} to ${to})`,
      );
    return { from, to, name: typeof r.name === 'string' ? r.name : '' };
  });
}
