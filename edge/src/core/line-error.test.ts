import { expect, it } from 'vitest';
import { LineError } from './line-error.ts';
import { CsvError } from './parse-csv.ts';
import { EvalCaseError } from './parse-eval-cases.ts';
import { SynonymFileError } from './synonyms.ts';

it('each line error keeps its own name, its line and the line in its message', () => {
  for (const [E, name] of [
    [CsvError, 'CsvError'],
    [EvalCaseError, 'EvalCaseError'],
    [SynonymFileError, 'SynonymFileError'],
  ] as const) {
    const e = new E('bad input', 7);
    expect(e).toBeInstanceOf(LineError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe(name);
    expect(e.line).toBe(7);
    expect(e.message).toBe('line 7: bad input');
  }
});
