/**
 * One Dutch sentence per event, for the case's timeline: "all steps must be
 * clear and traceable for residents" (seed 001). Free text (names,
 * descriptions) is not repeated here; the structured fields carry it for
 * those allowed to see it.
 *
 * Nor does a sentence name a person or organisation (a sub, an organisation,
 * a regisseur): the identity filter for the perpetrator's side
 * (sealing.ts withoutIdentities, finding 12) rewrites fields, never free
 * text, so a name in a sentence would reach that side (review of issue 17,
 * H2: a shelter proposing the analysis). Who it was is in the event's fields.
 */
import type { StoredCaseEvent } from './events.js';
import type { Note, NoteKind } from './notes.js';
import { LETTER_METHOD_WORDS, LETTER_TITLES } from './letters.js';
import { SEALED_FIELDS } from './sealing.js';
import { isClosureReason, type ClosureReason } from './types.js';

const CLOSURE_REASON_LABELS: Record<ClosureReason, string> = {
  'stabiel-veilig': 'stabiel veilig',
  'verhuisd-buiten-regio': 'verhuisd buiten de regio',
  overgedragen: 'overgedragen',
  'hulp-geweigerd': 'hulp geweigerd, teruggemeld aan Veilig Thuis',
  overleden: 'overleden',
};

/**
 * `sealedFrom`: members whose sealed details the reader may not see
 * (sealing.ts `sealedFrom`); a change to those details is told to them
 * only as "afgeschermde gegevens gewijzigd".
 */
export function describeEvent(event: StoredCaseEvent, sealedFrom: ReadonlySet<string> = new Set()): string {
  switch (event.type) {
    case 'casus.geopend':
      return `Casus geopend in ${event.gemeente} (bron: ${event.bron}) met ${event.leden.length} ${event.leden.length === 1 ? 'lid' : 'leden'}, met een regisseur.`;
    case 'lid.toegevoegd':
      return `Lid toegevoegd aan het huishouden (${event.lid.relatie}).`;
    case 'lid.gecorrigeerd': {
      const fields = Object.keys(event.wijzigingen);
      if (!sealedFrom.has(event.lidId) || !fields.some((f) => (SEALED_FIELDS as readonly string[]).includes(f))) {
        return `Gegevens van een lid gecorrigeerd: ${fields.join(', ')}.`;
      }
      const open = fields.filter((f) => !(SEALED_FIELDS as readonly string[]).includes(f));
      return open.length === 0 ? 'Afgeschermde gegevens van een lid gewijzigd.' : `Gegevens van een lid gecorrigeerd: ${open.join(', ')}; afgeschermde gegevens gewijzigd.`;
    }
    case 'veiligheidsplan.vastgesteld':
      return `Nieuwe versie van het veiligheidsplan vastgesteld met ${event.afspraken.length} afspraken; akkoord huishouden: ${event.akkoordHuishouden.akkoord}.`;
    case 'afspraak.status-gewijzigd':
      return event.alsEigenaar
        ? `De eigenaar meldde een afspraak af als ${event.status}${event.toelichting ? ', met een toelichting' : ''}.`
        : `Status van een afspraak gewijzigd naar ${event.status}${event.toelichting ? ', met een toelichting' : ''}.`;
    case 'afspraak.akkoord-huishouden':
      return 'Het huishouden is akkoord met een afspraak uit het MDA++-expertoverleg (vastgelegd door de regisseur).';
    case 'veiligheidsscore.vastgelegd': {
      const named = (event.actieAfspraken ?? []).filter((id) => id !== null).length;
      const made = event.nieuweAfspraken?.length ?? 0;
      const tracked = named === 0 ? '' : `; ${named} ${named === 1 ? 'actie volgt een afspraak' : 'acties volgen een afspraak'}${made > 0 ? ` (${made} nieuw in het veiligheidsplan)` : ''}`;
      // Issue 18 point 3: given at the table of the MDA++ expert meeting, with the household and the regisseur.
      const where = event.bron === 'expertoverleg' ? ' in het MDA++-expertoverleg' : '';
      return `Veiligheidsscore ${event.score} vastgelegd${where}, met drie acties (TOP3)${tracked}.`;
    }
    case 'perspectief.vastgelegd':
      // Who gave it is in `door` (hidden from the perpetrator's side where it must be, finding 12), never in the sentence.
      return `Eigen perspectief van een netwerkpartner op de veiligheid: ${event.score} (telt niet als gezamenlijke score).`;
    case 'lid.geinformeerd':
      return event.status === 'ja'
        ? 'Vastgelegd dat een lid over de casus is geïnformeerd.'
        : event.status === 'nee'
          ? 'Vastgelegd dat een lid (nog) niet over de casus is geïnformeerd.'
          : `Vastgelegd dat een lid om veiligheidsredenen niet over de casus is geïnformeerd; herzien op ${event.herzienOp ?? '?'}.`;
    case 'lid.veilig-contact-vastgelegd':
      return 'Voorkeur voor veilig contact met een lid vastgelegd.';
    case 'toestemming.vastgelegd':
      return event.status === 'ja'
        ? 'Toestemming van een lid vastgelegd om gegevens te delen met een betrokkene.'
        : `${event.status === 'nee' ? 'Weigering' : 'Intrekking'} van de toestemming van een lid vastgelegd om gegevens te delen met een betrokkene${event.andereGrondslag ? ` (er is een andere grondslag: ${event.andereGrondslag.soort})` : '; die betrokkene ziet de gegevens van dit lid niet meer'}.`;
    case 'verklarende-analyse.vastgelegd':
      return `${event.voorstelId ? 'Voorstel voor de verklarende analyse vastgesteld als nieuwe versie' : 'Verklarende analyse vastgelegd'}; onderliggende problemen: ${event.problemen.join(', ') || 'geen genoemd'}${event.akkoordHuishouden ? `; akkoord huishouden: ${event.akkoordHuishouden.akkoord}` : ''}.`;
    case 'verklarende-analyse.voorgesteld':
      return 'Nieuwe versie van de verklarende analyse voorgesteld door een netwerkpartner; wacht op vaststelling door de regisseur.';
    case 'incident.gemeld':
      return `Nieuw geweldsincident gemeld (${event.soort}${event.vorm ? `, ${event.vorm}` : ''}${event.bron === 'politie' ? ', politie betrokken' : ''}); veiligheid komt weer eerst.`;
    case 'fase.naar-oorzaken-onderzoeken':
      return 'Fase gewijzigd naar oorzaken onderzoeken.';
    case 'fase.naar-blijvend-voorkomen':
      return 'Fase gewijzigd naar blijvend voorkomen.';
    case 'fase.naar-nazorg':
      return 'Fase gewijzigd naar nazorg.';
    case 'casus.afgesloten':
      return isClosureReason(event.reden) ? `Casus afgesloten (${CLOSURE_REASON_LABELS[event.reden]}).` : 'Casus afgesloten.';
    case 'terugmelding.vastgelegd':
      return `Terugmelding aan Veilig Thuis vastgelegd (${event.reden}).`;
    case 'casus.heropend':
      return 'Casus heropend (herhaling); veiligheid komt weer eerst.';
    case 'regisseur.overgedragen':
      return 'Regie overgedragen aan een andere regisseur.';
    case 'veiligheidsdeadline.herinnerd':
      return `Herinnering: de veiligheidsdeadline van venster ${event.vensterNummer} nadert en de drempel is nog niet bereikt.`;
    case 'casus.opgeschaald':
      return event.reden === 'deadline'
        ? `Opgeschaald naar het MDA++-expertoverleg (of bij de wachtende opschaling gevoegd): bij de deadline van venster ${event.vensterNummer} stond de drempel niet.`
        : event.reden === 'aanmelding-partner'
          ? // Who referred is in `door`, under the timeline's rule of who sees whom (finding 12), not repeated in the text.
            'Aangemeld voor MDA++ door een partner in het netwerk; de aanmelding wacht op het besluit van de MDA++-coördinator.'
          : 'Door de regisseur opgeschaald naar het MDA++-expertoverleg.';
    case 'opschaling.naar-mda-traject':
      return `Besluit ${event.expertoverleg ? 'in het MDA++-expertoverleg' : 'MDA++-coördinator'}: de casus gaat het MDA++-traject in; het lokale team en de regisseur blijven betrokken.`;
    case 'opschaling.terug-naar-lokaal-team':
      return `Besluit ${event.expertoverleg ? 'in het MDA++-expertoverleg' : 'MDA++-coördinator'}: terug naar het lokale team, met advies; een nieuw veiligheidsvenster begint.`;
    case 'mda.evaluatie-klaargezet':
      return `Evaluatie ${event.nummer} van het MDA++-traject is aan de beurt en staat in de wachtrij van de MDA++-coördinator.`;
    case 'mda.geevalueerd':
      return `MDA++-traject geëvalueerd: het traject gaat door; volgende evaluatie ${event.volgendeEvaluatie.slice(0, 10)}.`;
    case 'huisverbod.opgelegd':
      return `Tijdelijk huisverbod opgelegd tot ${event.einde}.`;
    case 'huisverbod.verlengd':
      return `Tijdelijk huisverbod verlengd tot ${event.einde}.`;
    case 'huisverbod.herinnerd':
      return `Herinnering: het tijdelijk huisverbod eindigt op ${event.einde}.`;
    case 'casus.afgeschaald':
      return 'Afgeschaald: de casus gaat uit het MDA++-traject terug naar het lokale team; een nieuw veiligheidsvenster begint.';
    case 'regiewissel.voorgesteld':
      return 'Regiewissel voorgesteld aan een andere regisseur; de huidige regisseur blijft regisseur tot die accepteert.';
    case 'regiewissel.geaccepteerd':
      return 'Regiewissel geaccepteerd: wie het voorstel kreeg, is nu regisseur.';
    case 'regiewissel.afgewezen':
      return 'Regiewissel afgewezen; de regisseur blijft dezelfde.';
    case 'regiewissel.ingetrokken':
      return 'Voorstel voor een regiewissel ingetrokken.';
    case 'regiewissel.gesignaleerd':
      return event.niveau === 'regisseurs'
        ? 'Het voorstel voor een regiewissel is na 2 werkdagen nog niet beantwoord: gesignaleerd aan beide regisseurs.'
        : 'Het voorstel voor een regiewissel is na 5 werkdagen nog niet beantwoord: gesignaleerd aan beheer.';
    case 'casus.coordinatie-op-veiligheid-gewijzigd':
      return event.coordinatieOpVeiligheid
        ? 'Gemarkeerd als coördinatie op veiligheid; geldt vanaf het volgende veiligheidsvenster.'
        : 'Markering coördinatie op veiligheid opgeheven; geldt vanaf het volgende veiligheidsvenster.';
    case 'casus.aanduiding-gewijzigd':
      return event.aanduiding === null ? 'Aanduiding van het huishouden teruggezet naar de standaard.' : 'Aanduiding van het huishouden gewijzigd.';
    case 'casus.gekoppeld':
      return `Gekoppeld aan een andere casus (${event.reden}); overleg met de regisseur daarvan.`;
    case 'leden.afgesplitst':
      return `Samenvoeging ongedaan gemaakt: ${event.lidIds.length} ${event.lidIds.length === 1 ? 'lid gaat' : 'leden gaan'} met het bericht naar een eigen casus.`;
    case 'verhuizing.aangeboden':
      return `Verhuizing: de casus is aangeboden aan de intake van ${event.naarGemeente}; de regisseur blijft tot iemand daar de casus overneemt.`;
    case 'verhuizing.ingetrokken':
      return `Verhuizing ingetrokken: de casus is niet meer aangeboden aan de intake van ${event.naarGemeente}.`;
    case 'kind.gesprek-vastgelegd':
      return `Gesprek van een professional met een kind vastgelegd (op ${event.datum}).`;
    case 'kind.traumascreening-gewogen':
      return event.screening.uitkomst === 'gedaan'
        ? `Traumascreening van een kind gedaan (${event.screening.instrument}, op ${event.screening.datum}).`
        : 'Traumascreening van een kind gewogen: niet nodig (met reden).';
    case 'kind.handle-with-care-vastgelegd':
      // The school is not named here: who may not see it reads the sentence too (views strip it from the data).
      return event.signaal.uitkomst === 'verstuurd'
        ? 'Handle with Care-signaal aan de school van een kind vastgelegd (zonder inhoud van de casus).'
        : 'Handle with Care: geen signaal aan een school nodig voor een kind (met reden).';
    case 'brief.verzonden':
      return `Brief "${LETTER_TITLES[event.brief]}" verstuurd aan een lid (${LETTER_METHOD_WORDS[event.wijze]}, ${event.verzondenOp}).`;
    case 'verhuizing.overgenomen':
      return `Overgenomen via de intake van ${event.gemeente}, door een nieuwe regisseur.`;
  }
}

const NOTE_KIND_LABELS: Record<NoteKind, string> = {
  huisbezoek: 'huisbezoek',
  gesprek: 'gesprek',
  telefonisch: 'telefonisch contact',
  overleg: 'overleg',
  overig: 'overig contact',
};

/**
 * The timeline's sentence for a note (notes.ts; no event of the case): its
 * kind and date only to who may read it (the text is in the entry's data for
 * them); to anyone else that a note was added, nothing more. A withdrawn note
 * reads the same to everyone.
 */
export function describeNote(note: Pick<Note, 'soort' | 'contactdatum' | 'corrigeert' | 'ingetrokken'>, readable: boolean): string {
  if (note.ingetrokken) return 'Notitie toegevoegd (later ingetrokken).';
  if (!readable) return 'Notitie toegevoegd.';
  return `Notitie toegevoegd: ${NOTE_KIND_LABELS[note.soort]} op ${note.contactdatum}${note.corrigeert ? ', correctie van een eerdere notitie' : ''}.`;
}
