import { IDENTITY_COLUMNS, IMPORT_KINDS } from './imports-api';

export interface CsvPreview {
  header: string[];
  /** Up to `limit` rows after the header, as read. */
  rows: string[][];
  /** More rows follow those shown. */
  more: boolean;
  /** What the browser can tell before the API sees the file (the API judges every row again). */
  problems: string[];
}

/** How much of a large file is read for the preview: enough for the header and 20 rows. */
const PREVIEW_BYTES = 256 * 1024;

/** RFC 4180 records: quoted cells may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string, maxRecords = Infinity): { records: string[][]; complete: boolean } {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    record.push(cell);
    cell = '';
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  while (i < text.length && records.length < maxRecords) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else cell += c;
    i++;
  }
  const complete = i >= text.length;
  if (complete && (cell !== '' || record.length > 0)) endRecord();
  return { records, complete };
}

/** The header and the first rows of a CSV file, with the problems seen in them for this kind. */
export async function previewCsv(file: File, kind: string, limit = 20): Promise<CsvPreview> {
  const whole = file.size <= PREVIEW_BYTES;
  const text = (await file.slice(0, PREVIEW_BYTES).text()).replace(/^\uFEFF/, '');
  let { records } = parseCsv(text, limit + 2);
  // A cut file ends mid-record: keep only whole records.
  if (!whole && records.length <= limit + 1) records = records.slice(0, -1);
  const header = (records[0] ?? []).map((name) => name.trim());
  const rows = records.slice(1, limit + 1);
  const more = records.length > limit + 1;
  return { header, rows, more, problems: problemsOf(header, rows, kind) };
}

function problemsOf(header: string[], rows: string[][], kind: string): string[] {
  if (header.length === 0) return ['The file is empty: it needs a header row naming its columns.'];
  const problems: string[] = [];
  if (!IDENTITY_COLUMNS.some((name) => header.includes(name))) {
    problems.push(`No column says who each row is about: add ${IDENTITY_COLUMNS.join(', ')} (any one of them).`);
  }
  const needs = IMPORT_KINDS.find((choice) => choice.value === kind)?.columns ?? [];
  const missing = needs.filter((name) => !header.includes(name));
  if (missing.length > 0) problems.push(`A ${kind} import needs the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`);
  const duplicates = header.filter((name, index) => header.indexOf(name) !== index);
  if (duplicates.length > 0) problems.push(`The header names ${[...new Set(duplicates)].join(', ')} twice.`);
  rows.forEach((row, index) => {
    if (row.length !== header.length) problems.push(`Row ${index + 1} has ${row.length} cells; the header has ${header.length}.`);
  });
  return problems;
}
