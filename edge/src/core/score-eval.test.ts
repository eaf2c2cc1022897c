import { expect, it } from 'vitest';
import type { ScoredPassage } from '../ports/retriever.ts';
import type { TurnAnalysis } from './analyze-turn.ts';
import type { EvalCase } from './parse-eval-cases.ts';
import { percentile, scoreEval } from './score-eval.ts';

const passage = (docId: string, text: string, kind: ScoredPassage['kind'] = 'faq'): ScoredPassage => ({
  id: `${docId}#0`,
  docId,
  kind,
  title: '',
  text,
  score: 0.5,
  ...(kind === 'faq' ? { answer: text } : {}),
});
const c = (id: string, e: Partial<EvalCase['expect']>): EvalCase => ({
  id,
  history: [],
  text: id,
  expect: { route: 'answer', transfer_reason: null, doc: null, fact: null, sku: null, intent: 'other', ...e },
});
const a = (passages: ScoredPassage[], more: Partial<TurnAnalysis> = {}): TurnAnalysis => ({
  route: 'answer',
  transferReason: null,
  transferMatched: null,
  intent: 'other',
  sku: null,
  product: null,
  productChoices: [],
  passages,
  ...more,
});

it('scores strict and lenient hits, route metrics, intent, and leaves SKU null while no SKU is decided', () => {
  const results = [
    // strict hit at 1
    {
      case: c('1', { doc: 'faq:F1', fact: '满49元' }),
      analysis: a([passage('faq:F1', '满49元包邮')]),
      ms: 1,
    },
    // strict hit at 2 only, lenient hit at 1 (another doc restates the fact)
    {
      case: c('2', { doc: 'policy:shipping', fact: '第二天发出' }),
      analysis: a([
        passage('faq:F2', '第二天发出'),
        passage('policy:shipping', '16点后第二天发出', 'policy'),
      ]),
      ms: 2,
    },
    // miss: right doc without the fact
    { case: c('3', { doc: 'faq:F3', fact: '不支持' }), analysis: a([passage('faq:F3', '支持')]), ms: 3 },
    // product case: excluded from lenient
    {
      case: c('4', { doc: 'product:X', fact: '蓝色', sku: 'X' }),
      analysis: a([passage('product:Y', '蓝色', 'product')]),
      ms: 4,
    },
    // transfer expected and made
    {
      case: c('5', { route: 'transfer', transfer_reason: 'explicit' }),
      analysis: a([], { route: 'transfer', transferReason: 'explicit' }),
      ms: 5,
    },
    // transfer expected, not made
    { case: c('6', { route: 'transfer', transfer_reason: 'emotion' }), analysis: a([]), ms: 6 },
  ];
  const r = scoreEval(results, (x) => x.passages[0]?.kind === 'faq' && x.passages[0].score >= 0.5);
  expect(r.cases).toBe(6);
  expect(r.retrieval).toEqual({
    cases: 4,
    hit_at_1: 0.25,
    hit_at_3: 0.5,
    lenient_cases: 3,
    lenient_hit_at_3: 2 / 3,
  });
  expect(r.route).toEqual({
    accuracy: 5 / 6,
    transfer_precision: 1,
    transfer_recall: 0.5,
    false_transfer_rate: 0,
    reason_accuracy: 0.5,
  });
  expect(r.sku).toEqual({ cases: 1, accuracy: null });
  expect(r.intent).toEqual({ accuracy: 1 });
  expect(r.direct_faq_rate).toBe(3 / 5);
  expect(r.latency_ms).toEqual({ p50: 3, p95: 6 });
});

it('scores SKU and intent once the pipeline decides them', () => {
  const r = scoreEval(
    [
      {
        case: c('1', { sku: 'X', intent: 'product' }),
        analysis: a([], { sku: 'X', intent: 'product' }),
        ms: 1,
      },
      {
        case: c('2', { sku: 'Y', intent: 'shipping' }),
        analysis: a([], { sku: null, intent: 'other' }),
        ms: 1,
      },
    ],
    () => false,
  );
  expect(r.sku).toEqual({ cases: 2, accuracy: 0.5 });
  expect(r.intent.accuracy).toBe(0.5);
});

it('takes nearest-rank percentiles', () => {
  expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
  expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 95)).toBe(19);
  expect(percentile([], 95)).toBeNull();
});
