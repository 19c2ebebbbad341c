import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvFilename, figureCell, toCsv } from './csv.js';

/**
 * A reader of RFC 4180, written apart from the writer: quoted fields (a
 * doubled quote inside is one quote), unquoted ones up to the separator,
 * CRLF between records. `separator` lets it read as Excel with Dutch
 * settings does (`;`).
 */
function readCsv(text: string, separator = ','): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    record.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (quoted || (char !== separator && !(char === '\r' && text[i + 1] === '\n'))) {
      cell += char;
    } else if (char === separator) {
      endCell();
    } else {
      endCell();
      records.push(record);
      record = [];
      i++;
    }
  }
  if (cell !== '' || record.length > 0) {
    endCell();
    records.push(record);
  }
  return records;
}

/** What a spreadsheet runs as a formula: =, +, - or @ first (after white space), or a tab, CR or LF first. */
const runsAsFormula = (cell: string) => /^(?:[\t\r\n]|\s*[=+\-@])/.test(cell);

describe('CSV', () => {
  it('follows RFC 4180: commas, CRLF, every field quoted, quotes doubled inside', () => {
    expect(toCsv(['gemeente', 'aantal'], [['Bergen, NH', 5], ['"Sint" Anna', null]])).toBe('"gemeente","aantal"\r\n"Bergen, NH","5"\r\n"""Sint"" Anna",""\r\n');
  });

  it('writes suppressed figures as x and figures with nothing to compute as empty fields', () => {
    expect([figureCell({ waarde: null, onderdrukt: true }), figureCell({ waarde: null, onderdrukt: false }), figureCell({ waarde: 12.5, onderdrukt: false })]).toEqual(['x', null, 12.5]);
  });

  it('names the file after the report, the period and the municipality', () => {
    expect(csvFilename('rapportage-opschalingen', '2026-k3', undefined)).toBe('rapportage-opschalingen-2026-k3.csv');
    expect(csvFilename('rapportage-fasen', '2026-11-23', "'s-Hertogenbosch")).toBe('rapportage-fasen-2026-11-23-s-hertogenbosch.csv');
  });
});

describe('security finding 10: CSV and unknown municipalities', () => {
  const line = (text: string) => toCsv(['gemeente', 'casussen'], [[text, 5]]).split('\r\n')[1];

  it("keeps the finding's name in one quoted cell, also for a reader that splits on ;", () => {
    const name = "Evil;=cmd|' /C calc'!A0;";
    expect(line(name)).toBe(`"Evil;=cmd|' /C calc'!A0;","5"`);
    for (const separator of [',', ';']) {
      const [header, row] = readCsv(toCsv(['gemeente', 'casussen'], [[name, 5]]), separator);
      expect(header, separator).toEqual(separator === ',' ? ['gemeente', 'casussen'] : ['gemeente,casussen']);
      // With ; as separator the whole line is one cell that starts with E: nothing to run.
      expect(row, separator).toEqual(separator === ',' ? [name, '5'] : [`${name},5`]);
    }
  });

  it('defuses text a spreadsheet would run as a formula: = + - @, tab, CR, LF, also after spaces', () => {
    expect(['=1+1', '+31', '-2', '@SUM(A1)', '\tx', '\rx', '\nx', ' =1+1', '\u00a0@x', 'Nijmegen', "'s-Hertogenbosch"].map(line)).toEqual([
      `"'=1+1","5"`,
      `"'+31","5"`,
      `"'-2","5"`,
      `"'@SUM(A1)","5"`,
      `"'\tx","5"`,
      `"'\rx","5"`,
      `"'\nx","5"`,
      `"' =1+1","5"`,
      `"'\u00a0@x","5"`,
      `"Nijmegen","5"`,
      `"'s-Hertogenbosch","5"`,
    ]);
    expect(line('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")","5"`);
    expect(toCsv(['gemeente'], [['a,b;c\r\nd"e']])).toBe(`"gemeente"\r\n"a,b;c\r\nd""e"\r\n`);
  });

  it('reads back every field as one cell, never one a spreadsheet would run', () => {
    const hostile = fc.string({ unit: fc.constantFrom(';', ',', '"', '\r', '\n', '\t', '=', '+', '-', '@', ' ', "'", '|', 'a', 'É', '!'), maxLength: 12 });
    const cell = fc.oneof(hostile, fc.integer({ min: 0, max: 10_000 }), fc.constant(null));
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 4 }), fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 4 }), (header, rows) => {
        const table = [header, ...rows.map((row) => row.slice(0, header.length))];
        const read = readCsv(toCsv(header, table.slice(1)));
        expect(read).toHaveLength(table.length);
        read.forEach((record, r) => {
          expect(record).toHaveLength(table[r]!.length);
          record.forEach((value, c) => {
            const written = table[r]![c];
            const text = written === null || written === undefined ? '' : String(written);
            expect(runsAsFormula(value) && typeof written !== 'number', JSON.stringify(value)).toBe(false);
            expect(value).toBe(typeof written === 'string' && runsAsFormula(text) ? `'${text}` : text);
          });
        });
      }),
      { numRuns: 500, seed: 20260916 },
    );
  });
});
