import { describe, expect, it } from 'vitest';
import { csvFilename, figureCell, toCsv } from './csv.js';

describe('CSV', () => {
  it('follows RFC 4180: commas, CRLF, quotes doubled inside quoted fields', () => {
    expect(toCsv(['gemeente', 'aantal'], [['Bergen, NH', 5], ['"Sint" Anna', null]])).toBe('gemeente,aantal\r\n"Bergen, NH",5\r\n"""Sint"" Anna",\r\n');
  });

  it('writes suppressed figures as x and figures with nothing to compute as empty fields', () => {
    expect([figureCell({ waarde: null, onderdrukt: true }), figureCell({ waarde: null, onderdrukt: false }), figureCell({ waarde: 12.5, onderdrukt: false })]).toEqual(['x', null, 12.5]);
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    const line = (text: string) => toCsv(['gemeente'], [[text]]).split('\r\n')[1];
    expect(['=1+1', '+31', '-2', '@SUM(A1)', '\tx', 'Nijmegen'].map(line)).toEqual(["'=1+1", "'+31", "'-2", "'@SUM(A1)", "'\tx", 'Nijmegen']);
    expect(line('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('names the file after the report, the period and the municipality', () => {
    expect(csvFilename('rapportage-opschalingen', '2026-k3', undefined)).toBe('rapportage-opschalingen-2026-k3.csv');
    expect(csvFilename('rapportage-fasen', '2026-11-23', "'s-Hertogenbosch")).toBe('rapportage-fasen-2026-11-23-s-hertogenbosch.csv');
  });
});
