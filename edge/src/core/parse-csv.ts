import { LineError } from './line-error.ts';

/** A CSV input problem, with the 1-based line where the offending record starts. */
export class CsvError extends LineError {}

/** A table read from CSV or JSON: its column names, and each row's values by column with the row's 1-based line. */
export interface Table {
  header: string[];
  rows: { line: number; values: Record<string, string> }[];
}

/**
 * RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines; CRLF or LF; a UTF-8 BOM is dropped.
 * Returns the rows keyed by the header row and throws CsvError on a row with the wrong column count or an
 * unterminated quote.
 * @example parseCsv('id,q\nF1,"a,b"').rows // [{ line: 2, values: { id: 'F1', q: 'a,b' } }]
 */
export function parseCsv(text: string): Table {
  const records: { line: number; fields: string[] }[] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;

  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted))
      records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };

  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      fieldStarted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CsvError('unterminated quoted field', recordLine);
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();

  const [head, ...body] = records;
  if (!head) throw new CsvError('empty file: a header row is required', 1);
  const header = head.fields.map((h) => h.trim());
  const rows = body.map(({ line: l, fields: f }) => {
    if (f.length !== header.length) {
      throw new CsvError(`expected ${header.length} columns (${header.join(',')}), found ${f.length}`, l);
    }
    const values: Record<string, string> = {};
    header.forEach((h, j) => {
      values[h] = f[j]!.trim();
    });
    return { line: l, values };
  });
  return { header, rows };
}
