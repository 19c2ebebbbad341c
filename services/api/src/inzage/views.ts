/** The inzage as a readable HTML document (Accept: text/html). */
import type { Inzage } from '@veilig-samen/contracts';

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const date = (iso: string) => new Date(iso).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'long', timeStyle: 'short' });

/** Why some items may be missing (AVG art. 15 lid 4), as the member reads it. */
export const WITHHELD_INTRO =
  'Sommige onderdelen staan niet in dit overzicht, omdat ze over anderen gaan en hun rechten moeten worden beschermd (AVG artikel 15 lid 4). Hieronder staat per onderdeel waarom.';

const SECTION_WORDS: Readonly<Record<string, string>> = {
  afspraken: 'een afspraak',
  veiligheidsscores: 'een veiligheidsscore',
  tijdlijn: 'een gebeurtenis',
  inzagen: 'een inzage door een medewerker',
  notities: 'een notitie',
};
export const sectionWords = (section: string) => SECTION_WORDS[section] ?? section;

/** The regisseur by name (from the directory) and organisation; the internal id only when no name is known. */
export function regisseurWords(inzage: Inzage): string {
  const regisseur = inzage.casus.regisseur;
  return `${regisseur.naam ?? regisseur.id} (${regisseur.organisatie})`;
}

export function inzageHtml(inzage: Inzage): string {
  const rows = (items: string[][]) => items.map((cells) => `<tr>${cells.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('');
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Inzage in gegevens van ${escape(inzage.lid.naam)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;line-height:1.5;color:#111}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3rem;text-align:left;vertical-align:top}h2{margin-top:2rem}</style>
</head><body>
<h1>Inzage in uw gegevens</h1>
<p>Dit overzicht laat zien welke gegevens over <strong>${escape(inzage.lid.naam)}</strong> zijn vastgelegd in de casus van uw huishouden, en wie ze heeft ingezien (AVG artikel 15). Opgesteld op ${escape(date(inzage.opgesteldOp))}.</p>
<h2>Uw gegevens</h2>
<table><tbody>${rows([
    ['Naam', inzage.lid.naam],
    ['Geboortedatum', inzage.lid.geboortedatum ?? 'niet vastgelegd'],
    ['Relatie in het huishouden', inzage.lid.relatie],
    ['Betrokkenheid', inzage.lid.betrokkenheid.join(', ') || 'geen'],
  ])}</tbody></table>
<h2>De casus</h2>
<table><tbody>${rows([
    ['Gemeente', inzage.casus.gemeente],
    ['Fase', inzage.casus.fase],
    ['Regisseur', regisseurWords(inzage)],
    ['Geopend op', date(inzage.casus.geopendOp)],
  ])}</tbody></table>
<h2>Afspraken die u aangaan</h2>
<table><thead><tr><th>Afspraak</th><th>Uiterlijk</th><th>Status</th><th>Planversie</th></tr></thead><tbody>${rows(inzage.afspraken.map((a) => [a.omschrijving, a.deadline, a.status, String(a.versie)]))}</tbody></table>
<h2>Veiligheidsscores</h2>
<table><thead><tr><th>Datum</th><th>Gezamenlijke score</th><th>Uw score</th></tr></thead><tbody>${rows(inzage.veiligheidsscores.map((s) => [date(s.op), String(s.gezamenlijkeScore), s.eigenScore === null ? '-' : String(s.eigenScore)]))}</tbody></table>
<h2>Wat er is gebeurd</h2>
<table><tbody>${rows(inzage.tijdlijn.map((e) => [date(e.op), e.omschrijving]))}</tbody></table>
<h2>Notities over u</h2>
<table><thead><tr><th>Datum contact</th><th>Soort</th><th>Notitie</th></tr></thead><tbody>${rows(
    inzage.notities.map((n) => [n.contactdatum, n.soort, n.tekst ?? `Om veiligheidsredenen niet getoond: ${n.achtergehouden?.reden ?? 'geen reden vastgelegd'}`]),
  )}</tbody></table>
<h2>Wie uw gegevens heeft ingezien of gewijzigd</h2>
<table><thead><tr><th>Datum</th><th>Medewerker</th><th>Organisatie</th><th>Doel</th></tr></thead><tbody>${rows(inzage.inzagen.map((i) => [date(i.op), i.medewerker, i.organisatie, i.doel]))}</tbody></table>
<h2>Wat is weggelaten</h2>
${(inzage.weggelaten ?? []).length === 0 ? '<p>Er is niets weggelaten.</p>' : `<p>${escape(WITHHELD_INTRO)}</p><table><thead><tr><th>Onderdeel</th><th>Reden</th></tr></thead><tbody>${rows((inzage.weggelaten ?? []).map((w) => [sectionWords(w.sectie), w.reden]))}</tbody></table>`}
</body></html>`;
}
