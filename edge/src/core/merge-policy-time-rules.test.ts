import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_TIME_RULES } from './evaluate-policy-rules.ts';
import { mergePolicyTimeRules } from './merge-policy-time-rules.ts';

describe('mergePolicyTimeRules', () => {
  it('overlays what the shop sets, key by key, and keeps the rest', () => {
    const r = mergePolicyTimeRules({
      cutoffs: { weekday: '17:30' },
      selfCancelHours: 1,
      holidays: [
        { from: '2026-10-01', to: '2026-10-07', name: '国庆' },
        { from: '05-01', to: '05-05' },
      ],
      peaks: [{ from: '11-01', to: '11-14', name: '双11', shipWithinHours: [24, 48] }],
    });
    expect(r.cutoffs).toEqual({ weekday: '17:30', sunday: '12:00', holiday: '12:00' });
    expect(r.selfCancelHours).toBe(1);
    expect(r.unpaidAutoCancelMinutes).toBe(DEFAULT_POLICY_TIME_RULES.unpaidAutoCancelMinutes);
    expect(r.holidays).toEqual([
      { from: '2026-10-01', to: '2026-10-07', name: '国庆' },
      { from: '05-01', to: '05-05', name: '' },
    ]);
    expect(r.peaks).toEqual([{ from: '11-01', to: '11-14', name: '双11', shipWithinHours: [24, 48] }]);
    expect(mergePolicyTimeRules(undefined)).toBe(DEFAULT_POLICY_TIME_RULES);
  });

  it.each([
    [[], /^timeRules must be a JSON object$/],
    [
      { cutoffs: { weekday: '4pm' } },
      /^timeRules\.cutoffs\.weekday must be a time of day as HH:MM \(got "4pm"\)$/,
    ],
    [{ cutoffs: { sunday: '24:00' } }, /cutoffs\.sunday must be a time of day/],
    [{ selfCancelHours: '2' }, /^timeRules\.selfCancelHours must be a number from 0 up$/],
    [{ noReasonReturnDays: -1 }, /noReasonReturnDays must be a number from 0 up/],
    [{ utcOffsetMinutes: 900 }, /^timeRules\.utcOffsetMinutes must be a number from -840 to 840$/],
    [{ holidays: { from: '10-01' } }, /^timeRules\.holidays must be a list of date ranges$/],
    [
      { holidays: [{ from: '10-1', to: '10-07' }] },
      /holidays\[0\]\.from must be a date as MM-DD or YYYY-MM-DD \(got "10-1"\)/,
    ],
    [{ holidays: [{ from: '10-07', to: '10-01' }] }, /holidays\[0\] must end on or after its start/],
    [{ holidays: [{ from: '2026-10-01', to: '10-07' }] }, /written the same way/],
    [
      { peaks: [{ from: '06-01', to: '06-21' }] },
      /^timeRules\.peaks\[0\]\.shipWithinHours must be \[fewest, most\] hours$/,
    ],
    [{ peaks: [{ from: '06-01', to: '06-21', shipWithinHours: [72, 48] }] }, /shipWithinHours/],
  ])('refuses %j, naming the key', (timeRules, message) => {
    expect(() => mergePolicyTimeRules(timeRules)).toThrow(message);
  });
});
