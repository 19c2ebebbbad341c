/**
 * CSV export of the reports: RFC 4180 (comma separator, CRLF line ends,
 * fields quoted when they hold a comma, a double quote or a line break),
 * UTF-8 without a byte order mark, and a header row. A suppressed figure is
 * written as `x` (as in CBS tables: confidential), not `<5`: a figure
 * suppressed only so that a small one cannot be recomputed may be larger; a figure with nothing to compute as an empty field.
 *
 * Text fields come from free text (municipality names), so a field that a
 * spreadsheet would read as a formula (starting with = + - @, a tab or a
 * carriage return) gets a leading apostrophe (OWASP, CSV injection).
 */
import type { Figure } from '@veilig-samen/contracts';

export const SUPPRESSED_CELL = 'x';

export type Cell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

function field(cell: Cell): string {
  if (cell === null) return '';
  const text = typeof cell === 'number' ? String(cell) : FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const figureCell = (figure: Figure): Cell => (figure.onderdrukt ? SUPPRESSED_CELL : figure.waarde);

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** `rapportage-opschalingen-2026-k3[-nijmegen].csv`: only [a-z0-9-], so it needs no quoting rules beyond the header's. */
export function csvFilename(name: string, period: string, municipality: string | undefined): string {
  const slug = municipality
    ?.normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${[name, period, slug].filter(Boolean).join('-')}.csv`;
}
