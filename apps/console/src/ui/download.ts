/** A CSV cell: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text from a header and rows, built in the browser. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

const CSV = 'text/csv;charset=utf-8';

/** An address for text held in the browser (a blob URL): revoke it with URL.revokeObjectURL when done. */
export function textUrl(text: string, type = CSV): string {
  return URL.createObjectURL(new Blob([text], { type }));
}

/** Saves text as a file the browser downloads (no server round trip). */
export function downloadText(fileName: string, text: string, type = CSV): void {
  const url = textUrl(text, type);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
