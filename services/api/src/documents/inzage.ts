/**
 * A member's released inzage export as PDF (issue 17 point 10): the same
 * content as the Dutch HTML (inzage/views.ts), laid out by the documents'
 * PDF module like the letters.
 */
import type { Inzage } from '@veilig-samen/contracts';
import { regisseurWords, sectionWords, WITHHELD_INTRO } from '../inzage/views.js';
import { dutchDate } from './letters.js';
import type { DocumentSpec } from './pdf.js';

const moment = (iso: string) => new Date(iso).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'long', timeStyle: 'short' });

export function inzageDocument(inzage: Inzage): DocumentSpec {
  const withheld = inzage.weggelaten ?? [];
  return {
    titel: 'Inzage in uw gegevens',
    afzender: [inzage.casus.regisseur.organisatie, `Gemeente ${inzage.casus.gemeente}`],
    datumregel: `${inzage.casus.gemeente}, ${dutchDate(inzage.opgesteldOp)}`,
    blokken: [
      { soort: 'kop', tekst: 'Inzage in uw gegevens' },
      {
        soort: 'alinea',
        tekst: `Dit overzicht laat zien welke gegevens over ${inzage.lid.naam} zijn vastgelegd in de casus van uw huishouden, en wie ze heeft ingezien (AVG artikel 15). Opgesteld op ${moment(inzage.opgesteldOp)}.`,
      },
      { soort: 'kop', tekst: 'Uw gegevens' },
      {
        soort: 'tabel',
        kolommen: ['Gegeven', 'Vastgelegd'],
        rijen: [
          ['Naam', inzage.lid.naam],
          ['Geboortedatum', inzage.lid.geboortedatum ? dutchDate(inzage.lid.geboortedatum) : 'niet vastgelegd'],
          ['Relatie in het huishouden', inzage.lid.relatie],
          ['Betrokkenheid', inzage.lid.betrokkenheid.join(', ') || 'geen'],
        ],
        breedtes: [1, 2],
      },
      { soort: 'kop', tekst: 'De casus' },
      {
        soort: 'tabel',
        kolommen: ['Gegeven', 'Vastgelegd'],
        rijen: [
          ['Gemeente', inzage.casus.gemeente],
          ['Fase', inzage.casus.fase],
          ['Regisseur', regisseurWords(inzage)],
          ['Geopend op', moment(inzage.casus.geopendOp)],
        ],
        breedtes: [1, 2],
      },
      { soort: 'kop', tekst: 'Afspraken die u aangaan' },
      { soort: 'tabel', kolommen: ['Afspraak', 'Uiterlijk', 'Status', 'Versie'], rijen: inzage.afspraken.map((a) => [a.omschrijving, dutchDate(a.deadline), a.status, String(a.versie)]), breedtes: [5, 2, 1, 1] },
      { soort: 'kop', tekst: 'Veiligheidsscores' },
      {
        soort: 'tabel',
        kolommen: ['Datum', 'Gezamenlijke score', 'Uw score'],
        rijen: inzage.veiligheidsscores.map((s) => [moment(s.op), String(s.gezamenlijkeScore), s.eigenScore === null ? '-' : String(s.eigenScore)]),
      },
      { soort: 'kop', tekst: 'Wat er is gebeurd' },
      { soort: 'tabel', kolommen: ['Datum', 'Gebeurtenis'], rijen: inzage.tijdlijn.map((e) => [moment(e.op), e.omschrijving]), breedtes: [1, 3] },
      { soort: 'kop', tekst: 'Wie uw gegevens heeft ingezien of gewijzigd' },
      { soort: 'tabel', kolommen: ['Datum', 'Medewerker', 'Organisatie', 'Doel'], rijen: inzage.inzagen.map((i) => [moment(i.op), i.medewerker, i.organisatie, i.doel]), breedtes: [2, 2, 2, 3] },
      { soort: 'kop', tekst: 'Wat is weggelaten' },
      ...(withheld.length === 0
        ? [{ soort: 'alinea', tekst: 'Er is niets weggelaten.' } as const]
        : [{ soort: 'alinea', tekst: WITHHELD_INTRO } as const, { soort: 'tabel', kolommen: ['Onderdeel', 'Reden'], rijen: withheld.map((w) => [sectionWords(w.sectie), w.reden]), breedtes: [1, 3] } as const]),
    ],
    voet: `Inzage in uw gegevens - ${inzage.lid.naam}`,
  };
}
