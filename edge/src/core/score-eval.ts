import type { ScoredPassage } from '../ports/retriever.ts';
import type { TurnAnalysis } from './analyze-turn.ts';
import type { EvalCase } from './parse-eval-cases.ts';

/** One case's outcome: what the pipeline decided and how long it took. */
export interface EvalResult {
  case: EvalCase;
  analysis: TurnAnalysis;
  ms: number;
}

/** The summary `pnpm eval --json` prints; fractions 0..1, null when nothing could be measured. */
export interface EvalReport {
  cases: number;
  retrieval: {
    cases: number;
    hit_at_1: number | null;
    hit_at_3: number | null;
    lenient_cases: number;
    lenient_hit_at_3: number | null;
  };
  route: {
    accuracy: number | null;
    transfer_precision: number | null;
    transfer_recall: number | null;
    false_transfer_rate: number | null;
    reason_accuracy: number | null;
  };
  sku: { cases: number; accuracy: number | null };
  intent: { accuracy: number | null };
  /** Share of answerable cases whose top passage is an FAQ strong enough to be answered without a model. */
  direct_faq_rate: number | null;
  latency_ms: { p50: number | null; p95: number | null };
}

const frac = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/** True when a passage in the first k is from the expected document and contains the fact. */
export function strictHit(passages: ScoredPassage[], doc: string, fact: string, k: number): boolean {
  return passages.slice(0, k).some((p) => p.docId === doc && p.text.includes(fact));
}

/** True when any passage in the first k contains the fact (policy and FAQ cases only). */
export function lenientHit(passages: ScoredPassage[], fact: string, k: number): boolean {
  return passages.slice(0, k).some((p) => p.text.includes(fact));
}

/** Nearest-rank percentile of a list of numbers. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Scores a run of the pipeline against labelled cases. A metric is null when it has no case to count; SKU accuracy is
 * also null when the pipeline decided no SKU on any case (not decided yet), rather than counting every case as wrong.
 * @param isDirectFaq decides whether a turn's top passage would be used as the answer without a model.
 */
export function scoreEval(results: EvalResult[], isDirectFaq: (a: TurnAnalysis) => boolean): EvalReport {
  const withDoc = results.filter((r) => r.case.expect.doc && r.case.expect.fact);
  const lenient = withDoc.filter((r) => !r.case.expect.doc!.startsWith('product:'));
  const count = (rs: EvalResult[], f: (r: EvalResult) => boolean) => rs.filter(f).length;

  const predictedTransfer = results.filter((r) => r.analysis.route === 'transfer');
  const expectedTransfer = results.filter((r) => r.case.expect.route === 'transfer');
  const expectedAnswer = results.filter((r) => r.case.expect.route === 'answer');
  const bothTransfer = predictedTransfer.filter((r) => r.case.expect.route === 'transfer');

  const skuDecided = results.some((r) => r.analysis.sku !== null);
  const skuCases = results.filter((r) => r.case.expect.sku !== null);
  const answerable = results.filter((r) => r.analysis.route === 'answer');

  return {
    cases: results.length,
    retrieval: {
      cases: withDoc.length,
      hit_at_1: frac(
        count(withDoc, (r) => strictHit(r.analysis.passages, r.case.expect.doc!, r.case.expect.fact!, 1)),
        withDoc.length,
      ),
      hit_at_3: frac(
        count(withDoc, (r) => strictHit(r.analysis.passages, r.case.expect.doc!, r.case.expect.fact!, 3)),
        withDoc.length,
      ),
      lenient_cases: lenient.length,
      lenient_hit_at_3: frac(
        count(lenient, (r) => lenientHit(r.analysis.passages, r.case.expect.fact!, 3)),
        lenient.length,
      ),
    },
    route: {
      accuracy: frac(
        count(results, (r) => r.analysis.route === r.case.expect.route),
        results.length,
      ),
      transfer_precision: frac(bothTransfer.length, predictedTransfer.length),
      transfer_recall: frac(bothTransfer.length, expectedTransfer.length),
      false_transfer_rate: frac(
        count(expectedAnswer, (r) => r.analysis.route === 'transfer'),
        expectedAnswer.length,
      ),
      reason_accuracy: frac(
        count(expectedTransfer, (r) => r.analysis.transferReason === r.case.expect.transfer_reason),
        expectedTransfer.length,
      ),
    },
    sku: {
      cases: skuCases.length,
      accuracy: skuDecided
        ? frac(
            count(skuCases, (r) => r.analysis.sku === r.case.expect.sku),
            skuCases.length,
          )
        : null,
    },
    intent: {
      accuracy: frac(
        count(results, (r) => r.analysis.intent === r.case.expect.intent),
        results.length,
      ),
    },
    direct_faq_rate: frac(
      count(answerable, (r) => isDirectFaq(r.analysis)),
      answerable.length,
    ),
    latency_ms: {
      p50: percentile(
        results.map((r) => r.ms),
        50,
      ),
      p95: percentile(
        results.map((r) => r.ms),
        95,
      ),
    },
  };
}
