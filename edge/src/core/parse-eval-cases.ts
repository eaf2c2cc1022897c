import type { Intent } from './analyze-turn.ts';
import { LineError } from './line-error.ts';

/** One labelled case of an evaluation file (format: shared eval README, one JSON object per line). */
export interface EvalCase {
  id: string;
  /** Earlier customer messages, oldest first. */
  history: string[];
  text: string;
  expect: {
    route: 'answer' | 'transfer';
    transfer_reason: 'explicit' | 'emotion' | null;
    /** `policy:<file>`, `faq:<id>` or `product:<sku>`; null for chitchat and question-less transfers. */
    doc: string | null;
    /** Exact substring of `doc` that a correct passage contains. */
    fact: string | null;
    sku: string | null;
    intent: Intent | null;
  };
}

/** A case file line that is not a valid case, with its 1-based line number. */
export class EvalCaseError extends LineError {}

const ROUTES = new Set(['answer', 'transfer']);

/**
 * Parses a JSONL case file; blank lines are skipped. Throws EvalCaseError naming the line of the first bad case.
 * @example parseEvalCases('{"id":"a","history":[],"text":"包邮吗","expect":{"route":"answer",...}}')
 */
export function parseEvalCases(text: string): EvalCase[] {
  const out: EvalCase[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let c: EvalCase;
    try {
      c = JSON.parse(raw);
    } catch (err) {
      throw new EvalCaseError(`not valid JSON (${(err as Error).message})`, line);
    }
    if (!c || typeof c !== 'object') throw new EvalCaseError('expected a JSON object', line);
    if (typeof c.id !== 'string' || !c.id) throw new EvalCaseError('"id" must be a non-empty string', line);
    if (seen.has(c.id)) throw new EvalCaseError(`duplicate id "${c.id}"`, line);
    seen.add(c.id);
    if (typeof c.text !== 'string') throw new EvalCaseError('"text" must be a string', line);
    c.history ??= [];
    if (!Array.isArray(c.history) || c.history.some((h) => typeof h !== 'string'))
      throw new EvalCaseError('"history" must be an array of strings', line);
    const e = c.expect;
    if (!e || typeof e !== 'object') throw new EvalCaseError('"expect" must be an object', line);
    if (!ROUTES.has(e.route)) throw new EvalCaseError('"expect.route" must be "answer" or "transfer"', line);
    e.transfer_reason ??= null;
    e.doc ??= null;
    e.fact ??= null;
    e.sku ??= null;
    e.intent ??= null;
    if ((e.doc === null) !== (e.fact === null))
      throw new EvalCaseError('"expect.doc" and "expect.fact" must both be set or both be null', line);
    out.push(c);
  });
  return out;
}
