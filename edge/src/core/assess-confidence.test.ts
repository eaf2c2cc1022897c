import { describe, expect, it } from 'vitest';
import { assessConfidence } from './assess-confidence.ts';

const base = { minScore: 0.2, needsKnowledge: true };

describe('assessConfidence', () => {
  it('hands over when no passage covers a knowledge question', () => {
    expect(assessConfidence({ ...base, reasoning: '很清楚。', topScore: 0.1 })).toMatchObject({
      low: true,
      why: 'no-passage',
    });
  });

  it('lets small talk through without passages', () => {
    expect(assessConfidence({ ...base, needsKnowledge: false, reasoning: '打招呼。', topScore: 0 }).low).toBe(
      false,
    );
  });

  it('weighs one hedge against retrieval strength', () => {
    const hedged = { ...base, reasoning: '资料没说清楚，不确定是不是七天。' };
    expect(assessConfidence({ ...hedged, topScore: 0.3 })).toMatchObject({
      low: true,
      why: 'hedged',
      hedges: 1,
    });
    expect(assessConfidence({ ...hedged, topScore: 0.45 })).toMatchObject({ low: false, hedges: 1 });
  });

  it('hands over on many hedges even with strong retrieval', () => {
    const r = assessConfidence({
      ...base,
      reasoning: '可能是七天，也许十五天，不确定，建议核实。',
      topScore: 0.9,
    });
    expect(r).toMatchObject({ low: true, hedges: 4 });
  });

  it('does not count guesses about what the customer means', () => {
    expect(
      assessConfidence({ ...base, reasoning: '用户可能想问发货时间。资料写16点截单。', topScore: 0.3 }),
    ).toMatchObject({
      low: false,
      hedges: 0,
    });
  });
});
