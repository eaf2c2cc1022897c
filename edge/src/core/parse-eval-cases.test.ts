import { expect, it } from 'vitest';
import { EvalCaseError, parseEvalCases } from './parse-eval-cases.ts';

const line = (o: object) => JSON.stringify(o);
const ok = {
  id: 'a',
  history: [],
  text: '包邮吗',
  expect: {
    route: 'answer',
    transfer_reason: null,
    doc: 'faq:F015',
    fact: '满49元',
    sku: null,
    intent: 'shipping',
  },
};

it('reads one case per line and skips blank lines', () => {
  const cases = parseEvalCases(`${line(ok)}\n\n${line({ ...ok, id: 'b', history: undefined })}\n`);
  expect(cases.map((c) => c.id)).toEqual(['a', 'b']);
  expect(cases[1]!.history).toEqual([]);
});

it('names the line of a bad case', () => {
  expect(() => parseEvalCases(`${line(ok)}\n{"id":`)).toThrow(EvalCaseError);
  expect(() => parseEvalCases(`${line(ok)}\n{"id":`)).toThrow(/^line 2: not valid JSON/);
  expect(() => parseEvalCases(`${line(ok)}\n${line(ok)}`)).toThrow('line 2: duplicate id "a"');
  expect(() => parseEvalCases(line({ ...ok, expect: { ...ok.expect, route: 'maybe' } }))).toThrow(
    'line 1: "expect.route"',
  );
  expect(() => parseEvalCases(line({ ...ok, expect: { ...ok.expect, fact: null } }))).toThrow(
    'both be set or both be null',
  );
});
