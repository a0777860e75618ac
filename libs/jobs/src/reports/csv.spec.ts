import { csvField, reportToCsv } from './csv';

describe('reportToCsv', () => {
  it('quotes commas, quotes and line breaks, and doubles quotes (RFC 4180)', () => {
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
  });

  it('writes numbers as numbers and nothing for null', () => {
    expect(csvField(16.5)).toBe('16.5');
    expect(csvField(-2)).toBe('-2');
    expect(csvField(null)).toBe('');
  });

  it('keeps a spreadsheet from running a cell as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('puts the labels first and one line per row, in column order, CRLF', () => {
    const csv = reportToCsv({
      columns: [
        { key: 'cycle', label: 'Cycle' },
        { key: 'rate', label: 'Rate, %' },
      ],
      rows: [{ rate: 0.5, cycle: '2024-2026' }, { cycle: '2027-2029' }],
    });
    expect(csv).toBe('Cycle,"Rate, %"\r\n2024-2026,0.5\r\n2027-2029,\r\n');
  });
});
