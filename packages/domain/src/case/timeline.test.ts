/**
 * No timeline sentence names a person or organisation (review of issue 17,
 * H2): the identity filter for the perpetrator's side (sealing.ts
 * withoutIdentities) rewrites fields, never free text, so a name in a sentence
 * (a shelter proposing the analysis, the regisseur of a linked case) would
 * reach that side. One event of every type, each by a victim-side partner and
 * naming its parties distinctly; the record is keyed by type, so a new event
 * type does not compile here without its case.
 */
import { describe, expect, it } from 'vitest';
import type { Actor, StoredCaseEvent } from './events.js';
import { events, MEMBERS, opened, PARTNER_KEY } from './testing.js';
import { describeEvent } from './timeline.js';

const OP = '2026-01-15T09:00:00.000Z';
const SHELTER_OIN = '00000001804542931000';
const SHELTER: Actor = { sub: 'opvang-77', rol: 'ketenpartner', organisatie: 'Blijf Groep Opvang' };
const OTHER_REGISSEUR = { id: 'mw-regie-55', organisatie: 'Wijkteam Elders' };
const lid = MEMBERS[0]!.id;
const kind = MEMBERS[1]!.id;

const EVERY_TYPE: { readonly [T in StoredCaseEvent['type']]: StoredCaseEvent & { readonly type: T } } = {
  'casus.geopend': opened(OP, { regisseur: OTHER_REGISSEUR }),
  'lid.toegevoegd': events.addMember(OP, 'lid-9') as StoredCaseEvent & { type: 'lid.toegevoegd' },
  'lid.gecorrigeerd': events.correctMember(OP, lid) as StoredCaseEvent & { type: 'lid.gecorrigeerd' },
  'veiligheidsplan.vastgesteld': events.plan(OP) as StoredCaseEvent & { type: 'veiligheidsplan.vastgesteld' },
  'afspraak.status-gewijzigd': events.ownerMarks(OP, 'a-1', 'gedaan', { soort: 'organisatie', oin: SHELTER_OIN }, SHELTER) as StoredCaseEvent & { type: 'afspraak.status-gewijzigd' },
  'afspraak.akkoord-huishouden': events.agreementAgreed(OP, 'a-1') as StoredCaseEvent & { type: 'afspraak.akkoord-huishouden' },
  'veiligheidsscore.vastgelegd': events.scoreTracked(OP, 7, ['a-1', null, null]) as StoredCaseEvent & { type: 'veiligheidsscore.vastgelegd' },
  'verklarende-analyse.vastgelegd': { ...events.adoptAnalysis(OP, 'v-1'), voorgesteldDoor: SHELTER.sub } as StoredCaseEvent & { type: 'verklarende-analyse.vastgelegd' },
  'verklarende-analyse.voorgesteld': events.proposeAnalysis(OP, 'v-1', SHELTER) as StoredCaseEvent & { type: 'verklarende-analyse.voorgesteld' },
  'incident.gemeld': events.incident(OP) as StoredCaseEvent & { type: 'incident.gemeld' },
  'fase.naar-oorzaken-onderzoeken': events.toCauses(OP) as StoredCaseEvent & { type: 'fase.naar-oorzaken-onderzoeken' },
  'fase.naar-blijvend-voorkomen': events.toPrevention(OP) as StoredCaseEvent & { type: 'fase.naar-blijvend-voorkomen' },
  'fase.naar-nazorg': events.toAftercare(OP) as StoredCaseEvent & { type: 'fase.naar-nazorg' },
  'casus.afgesloten': events.close(OP) as StoredCaseEvent & { type: 'casus.afgesloten' },
  'terugmelding.vastgelegd': events.reportBack(OP, 'hulp-geweigerd') as StoredCaseEvent & { type: 'terugmelding.vastgelegd' },
  'casus.heropend': events.reopen(OP) as StoredCaseEvent & { type: 'casus.heropend' },
  'regisseur.overgedragen': { ...events.handover(OP, OTHER_REGISSEUR.id), regisseur: OTHER_REGISSEUR } as StoredCaseEvent & { type: 'regisseur.overgedragen' },
  'veiligheidsdeadline.herinnerd': events.remind(OP, 1) as StoredCaseEvent & { type: 'veiligheidsdeadline.herinnerd' },
  'casus.opgeschaald': events.escalate(OP, 'handmatig', 1) as StoredCaseEvent & { type: 'casus.opgeschaald' },
  'opschaling.naar-mda-traject': events.decideEscalation(OP, 'o-1', 'mda-traject') as StoredCaseEvent & { type: 'opschaling.naar-mda-traject' },
  'opschaling.terug-naar-lokaal-team': events.decideEscalation(OP, 'o-1', 'terug-naar-lokaal-team') as StoredCaseEvent & { type: 'opschaling.terug-naar-lokaal-team' },
  'casus.afgeschaald': events.deescalate(OP) as StoredCaseEvent & { type: 'casus.afgeschaald' },
  'mda.evaluatie-klaargezet': { type: 'mda.evaluatie-klaargezet', op: OP, door: SHELTER, evaluatieId: 'e-1', nummer: 1 },
  'mda.geevalueerd': { type: 'mda.geevalueerd', op: OP, door: SHELTER, evaluatieId: 'e-1', volgendeEvaluatie: '2026-04-15', toelichting: 'Traject loopt door' },
  'casus.coordinatie-op-veiligheid-gewijzigd': events.markSafetyCoordination(OP, true) as StoredCaseEvent & { type: 'casus.coordinatie-op-veiligheid-gewijzigd' },
  'casus.aanduiding-gewijzigd': events.designate(OP, 'Huishouden Vries') as StoredCaseEvent & { type: 'casus.aanduiding-gewijzigd' },
  'huisverbod.opgelegd': events.order(OP) as StoredCaseEvent & { type: 'huisverbod.opgelegd' },
  'huisverbod.verlengd': events.extendOrder(OP, '2026-02-15T09:00:00.000Z') as StoredCaseEvent & { type: 'huisverbod.verlengd' },
  'huisverbod.herinnerd': events.remindOrder(OP, '2026-02-15T09:00:00.000Z') as StoredCaseEvent & { type: 'huisverbod.herinnerd' },
  'casus.gekoppeld': { type: 'casus.gekoppeld', op: OP, door: SHELTER, casusId: 'casus-2', reden: 'gedeelde-pleger', regisseur: OTHER_REGISSEUR },
  'leden.afgesplitst': { type: 'leden.afgesplitst', op: OP, door: SHELTER, lidIds: [kind], naarCasusId: 'casus-3', berichtId: 'b-1', samengevoegdOp: OP },
  'verhuizing.aangeboden': { type: 'verhuizing.aangeboden', op: OP, door: SHELTER, naarGemeente: 'Arnhem', toelichting: 'verhuisd' },
  'verhuizing.ingetrokken': { type: 'verhuizing.ingetrokken', op: OP, door: SHELTER, naarGemeente: 'Arnhem' },
  'verhuizing.overgenomen': { type: 'verhuizing.overgenomen', op: OP, door: SHELTER, gemeente: 'Arnhem', regisseur: OTHER_REGISSEUR },
  'brief.verzonden': events.letter(OP, lid) as StoredCaseEvent & { type: 'brief.verzonden' },
  'perspectief.vastgelegd': events.perspective(OP, 4, SHELTER, { soort: 'organisatie', oin: SHELTER_OIN }) as StoredCaseEvent & { type: 'perspectief.vastgelegd' },
  'lid.geinformeerd': events.informed(OP, lid, 'niet-om-veiligheidsredenen', SHELTER) as StoredCaseEvent & { type: 'lid.geinformeerd' },
  'lid.veilig-contact-vastgelegd': events.safeContact(OP, lid, SHELTER) as StoredCaseEvent & { type: 'lid.veilig-contact-vastgelegd' },
  'toestemming.vastgelegd': events.consent(OP, lid, 'ingetrokken', PARTNER_KEY, { door: SHELTER }) as StoredCaseEvent & { type: 'toestemming.vastgelegd' },
  'kind.gesprek-vastgelegd': { type: 'kind.gesprek-vastgelegd', op: OP, door: SHELTER, lidId: kind, datum: '2026-01-14' },
  'kind.traumascreening-gewogen': { type: 'kind.traumascreening-gewogen', op: OP, door: SHELTER, lidId: kind, screening: { uitkomst: 'gedaan', instrument: 'CRIES-13', datum: '2026-01-14' } },
  'kind.handle-with-care-vastgelegd': { type: 'kind.handle-with-care-vastgelegd', op: OP, door: SHELTER, lidId: kind, signaal: { uitkomst: 'verstuurd', verstuurdOp: OP, school: 'Basisschool De Schuilhoek' } },
  'regiewissel.voorgesteld': { ...events.propose(OP, OTHER_REGISSEUR.id, 'w-1'), regisseur: OTHER_REGISSEUR } as StoredCaseEvent & { type: 'regiewissel.voorgesteld' },
  'regiewissel.geaccepteerd': events.answerProposal(OP, 'geaccepteerd', OTHER_REGISSEUR.id, 'w-1') as StoredCaseEvent & { type: 'regiewissel.geaccepteerd' },
  'regiewissel.afgewezen': events.answerProposal(OP, 'afgewezen', OTHER_REGISSEUR.id, 'w-1') as StoredCaseEvent & { type: 'regiewissel.afgewezen' },
  'regiewissel.ingetrokken': events.answerProposal(OP, 'ingetrokken', OTHER_REGISSEUR.id, 'w-1') as StoredCaseEvent & { type: 'regiewissel.ingetrokken' },
  'regiewissel.gesignaleerd': events.signalProposal(OP, 'w-1', 'regisseurs') as StoredCaseEvent & { type: 'regiewissel.gesignaleerd' },
};

/** Keys whose string value names a party wherever they occur, and objects that stand for a party (their id and name too). */
const IDENTITY_KEYS = new Set(['sub', 'organisatie', 'oin', 'voorgesteldDoor', 'vastgelegdDoor', 'school']);
const PARTY_KEYS = new Set(['door', 'regisseur', 'eigenaar', 'van', 'partner']);

/** Every name of a person, organisation or school the event holds. */
function namesIn(node: unknown, inParty = false, key?: string): string[] {
  if (typeof node === 'string') return key !== undefined && (IDENTITY_KEYS.has(key) || (inParty && (key === 'id' || key === 'naam'))) ? [node] : [];
  if (Array.isArray(node)) return node.flatMap((item) => namesIn(item, inParty, key));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, value]) => namesIn(value, PARTY_KEYS.has(k), k));
  return [];
}

describe('the timeline sentences', () => {
  it.each(Object.entries(EVERY_TYPE))('%s names no person, organisation or school', (_type, event) => {
    const names = namesIn(event);
    expect(names.length, 'the event names its actor at least').toBeGreaterThan(0);
    const sentence = describeEvent(event);
    for (const name of names) expect(sentence, `"${name}" in "${sentence}"`).not.toContain(name);
  });
});
