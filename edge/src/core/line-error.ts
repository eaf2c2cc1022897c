/**
 * A problem in a line-based input a person edits (CSV, JSONL cases, synonyms.txt): the message starts with the
 * 1-based line, kept in `line`; `name` is the subclass's name. (A field, not a `readonly line` parameter property:
 * erasableSyntaxOnly, so Node can run the sources by stripping types.)
 * @example class CsvError extends LineError {} ; new CsvError('unterminated quoted field', 3).message // 'line 3: ...'
 */
export class LineError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
    this.line = line;
    this.name = new.target.name;
  }
}
