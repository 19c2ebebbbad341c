/**
 * CSV export of the reports: RFC 4180 (comma separator, CRLF line ends),
 * UTF-8 without a byte order mark, and a header row. A suppressed figure is
 * written as `x` (as in CBS tables: confidential), not `<5`: a figure
 * suppressed only so that a small one cannot be recomputed may be larger; a figure with nothing to compute as an empty field.
 *
 * Every field is quoted, numbers and the header too (security finding 10):
 * a spreadsheet set to another separator (Excel with Dutch settings splits
 * on `;`) still reads a quoted field as one cell, so text holding `;`, `,`,
 * quotes or line breaks cannot start a new cell, let alone one that begins
 * with `=`. Within the quotes a double quote is doubled.
 *
 * A field that a spreadsheet would read as a formula (starting, after any
 * white space, with = + - @, or with a tab, carriage return or line feed) gets a
 * leading apostrophe (OWASP, CSV injection). Municipality names come from
 * the region's configuration, which allows no such name, so this is the
 * second line of defence.
 */
import type { Figure } from '@veilig-samen/contracts';

export const SUPPRESSED_CELL = 'x';

export type Cell = string | number | null;

const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@])/;

function field(cell: Cell): string {
  const text = cell === null ? '' : typeof cell === 'number' ? String(cell) : FORMULA_START.test(cell) ? `'${cell}` : cell;
  return `"${text.replace(/"/g, '""')}"`;
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
