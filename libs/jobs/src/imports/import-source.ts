import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';

/** One row as given: CSV cells (strings) or a JSON row's fields. */
export type ImportRowFields = Readonly<Record<string, unknown>>;

/**
 * Where the rows come from: JSON rows, a CSV stream, or a function that opens the CSV again (a
 * stored upload). A plain stream is read once: it is spooled to a temporary file so the rows can
 * be counted first (StartImport needs the total) without holding the file in memory.
 */
export type ImportSource = readonly ImportRowFields[] | Readable | (() => Readable);

export interface SourceRow {
  /** 1-based, in file order, the header not counted. */
  row: number;
  fields: ImportRowFields;
  /** Why the CSV record cannot be read as a row (e.g. a wrong number of cells). */
  malformed?: string;
}

export interface OpenedSource {
  totalRows: number;
  rows(): AsyncIterable<SourceRow>;
  close(): Promise<void>;
}

/** A CSV file that cannot be read at all (no header, a broken quote): nothing is recorded. */
export class ImportFileUnreadable extends Error {
  readonly code = 'IMPORT_FILE_UNREADABLE';
  constructor(reason: string) {
    super(`The import file cannot be read: ${reason}`);
    this.name = 'ImportFileUnreadable';
  }
}

export async function openSource(source: ImportSource): Promise<OpenedSource> {
  if (Array.isArray(source)) return jsonRows(source as readonly ImportRowFields[]);
  if (typeof source === 'function') return csvRows(source as () => Readable, async () => undefined);
  const dir = await mkdtemp(join(tmpdir(), 'recert-import-'));
  const file = join(dir, 'upload.csv');
  const close = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(source as Readable, createWriteStream(file));
    return await csvRows(() => createReadStream(file), close);
  } catch (error) {
    await close();
    throw error;
  }
}

function jsonRows(rows: readonly ImportRowFields[]): OpenedSource {
  return {
    totalRows: rows.length,
    async *rows() {
      for (let i = 0; i < rows.length; i++) {
        const fields = rows[i];
        yield fields !== null && typeof fields === 'object' && !Array.isArray(fields)
          ? { row: i + 1, fields }
          : { row: i + 1, fields: {}, malformed: 'the row is not an object of fields' };
      }
    },
    close: async () => undefined,
  };
}

async function csvRows(open: () => Readable, close: () => Promise<void>): Promise<OpenedSource> {
  let totalRows = 0;
  try {
    // First pass: count only, record by record (the parser streams; nothing is kept).
    for await (const _record of records(open())) totalRows++;
  } catch (error) {
    await close();
    throw error;
  }
  totalRows = Math.max(0, totalRows - 1);
  return {
    totalRows,
    async *rows() {
      let header: string[] | null = null;
      let row = 0;
      for await (const record of records(open())) {
        if (header === null) {
          header = record.map((name) => name.trim());
          continue;
        }
        row++;
        const fields: Record<string, string> = {};
        header.forEach((name, i) => {
          if (name && record[i] !== undefined) fields[name] = record[i];
        });
        yield record.length === header.length
          ? { row, fields }
          : { row, fields, malformed: `it has ${record.length} cells where the header names ${header.length} columns` };
      }
    },
    close,
  };
}

async function* records(input: Readable): AsyncGenerator<string[]> {
  const parser = input.pipe(parse({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true }));
  // A failing input must reach the parser, or iteration would wait forever.
  input.once('error', (error) => parser.destroy(error));
  try {
    for await (const record of parser as AsyncIterable<string[]>) yield record;
  } catch (error) {
    throw new ImportFileUnreadable(error instanceof Error ? error.message : String(error));
  } finally {
    input.destroy();
  }
}
