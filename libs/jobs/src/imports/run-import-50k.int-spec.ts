import { Readable } from 'node:stream';
import { runImport } from './run-import';
import { ImportTestWorld } from './testing/import-test-world';

const ROWS = 50_000;
const PEOPLE = 2_000;
const BATCH = 500;

// Fifty thousand rows through the domain and real transactions: a couple of minutes.
jest.setTimeout(300_000);

let world: ImportTestWorld;
beforeAll(async () => {
  world = await ImportTestWorld.create();
  await world.register(Array.from({ length: PEOPLE }, (_, i) => ({ certificantId: `m-${i}`, email: `m${i}@example.org` })));
});
afterAll(async () => {
  await world.drop();
});

it('imports a 50,000-row CSV stream in bounded memory: the file is never ahead of the import by more than a batch or two', async () => {
  // The CSV is generated line by line as the parser pulls it, so the whole file never exists in
  // memory; `produced` says how far the current read has got.
  let produced = 0;
  const open = () => {
    produced = 0;
    return Readable.from(
      (function* () {
        yield 'email,activityDate,title,hours\n';
        for (let row = 0; row < ROWS; row++) {
          produced++;
          yield `m${row % PEOPLE}@example.org,2025-0${1 + (row % 5)}-${String(1 + (row % 28)).padStart(2, '0')},Session ${row},1\n`;
        }
      })(),
    );
  };
  const lags: number[] = [];
  const result = await runImport(world.deps, { importId: 'imp-50k', kind: 'event-attendance', actor: 'system', source: open }, {
    batchSize: BATCH,
    onProgress: (p) => {
      lags.push(produced - p.processedRows);
    },
  });

  expect(result).toMatchObject({ status: 'completed', totalRows: ROWS, processedRows: ROWS, acceptedRows: ROWS, rejectedRows: 0, acceptedTenths: ROWS });
  expect(lags).toHaveLength(ROWS / BATCH);
  // Streams buffer a little (the generator's and the parser's high-water marks): never a file's
  // worth. This is the memory bound that does not depend on when the garbage collector runs.
  expect(Math.max(...lags)).toBeLessThanOrEqual(3 * BATCH);
  expect(await world.reportedTenths('m-0')).toBe(ROWS / PEOPLE);
});
