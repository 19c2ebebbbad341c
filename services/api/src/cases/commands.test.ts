/**
 * The request → event builders, without a database: each gives the event
 * the machine then judges, or refuses what only the request can tell.
 * The last block feeds built events to the machine (decide) to show that the
 * path checks the routes used to make are now the machine's guards, with the
 * codes clients saw before.
 */
import { decide, defaultPolicy, isDomainError, openCase, type Actor, type CaseEvent, type CaseSnapshot } from '@veilig-samen/domain';
import { describe, expect, it } from 'vitest';
import * as commands from './commands.js';

const NOW = new Date('2026-03-10T09:00:00.000Z');
const ACTOR: Actor = { sub: 'mw-001', rol: 'lokaal-team', organisatie: 'Wijkteam' };
const POLICY = defaultPolicy('Test');
const MEMBER = '11111111-1111-4111-8111-111111111111';
const AGREEMENT = '22222222-2222-4222-8222-222222222222';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const fixedId = () => 'nieuw-id';

function openedCase(): CaseSnapshot {
  return openCase({
    type: 'casus.geopend',
    op: '2026-03-01T09:00:00.000Z',
    door: ACTOR,
    id: 'casus-1',
    gemeente: 'Nijmegen',
    bron: 'veilig-thuis',
    leden: [{ id: MEMBER, voornamen: 'Ouder', voorvoegsel: null, geslachtsnaam: 'A', naam: 'Ouder A', geboortedatum: '1985-02-01', relatie: 'ouder', betrokkenheid: ['slachtoffer'], adres: null, contact: null, afgeschermd: false, inzageAfgeschermd: [] }],
    regisseur: { id: 'mw-001', organisatie: 'Wijkteam' },
    startdatum: '2026-03-01T09:00:00.000Z',
    beleid: POLICY,
  });
}

const plan = {
  afspraken: [{ id: undefined, omschrijving: 'Buurvrouw belt dagelijks', eigenaar: { soort: 'lid' as const, lidId: MEMBER }, deadline: '2026-04-01', status: 'open' as const }],
  akkoordHuishouden: { akkoord: 'ja' as const, toelichting: undefined },
};

function withPlan(): CaseSnapshot {
  const event = commands.planAdopted({ body: plan, now: NOW, actor: ACTOR, snapshot: openedCase() }, () => AGREEMENT);
  const decision = decide(openedCase(), event);
  if (!decision.ok) throw new Error(decision.refusal.code);
  return decision.snapshot;
}

/** The DomainError a builder throws, or a failure when it builds. */
function refusalOf(build: () => unknown) {
  try {
    build();
  } catch (error) {
    if (isDomainError(error)) return { status: error.status, code: error.code, invalidParams: error.invalidParams };
    throw error;
  }
  throw new Error('the builder did not refuse');
}

describe('request → event builders', () => {
  it('puts who and when on every event', () => {
    const event = commands.caseClosed({ body: { reden: 'stabiel-veilig' }, now: NOW, actor: ACTOR, municipalities: [] });
    expect(event).toEqual({ type: 'casus.afgesloten', op: NOW.toISOString(), door: ACTOR, reden: 'stabiel-veilig', toelichting: null });
  });

  it('closes for a move out of the region, never for one within it', () => {
    const municipalities = [{ name: 'Nijmegen', cbsCode: 'GM0268', rsin: '001479345' }];
    const out = commands.caseClosed({ body: { reden: 'verhuisd-buiten-regio', gemeente: 'Utrecht' }, now: NOW, actor: ACTOR, municipalities });
    expect(out).toMatchObject({ type: 'casus.afgesloten', reden: 'verhuisd-buiten-regio', gemeente: 'Utrecht' });
    expect(refusalOf(() => commands.caseClosed({ body: { reden: 'verhuisd-buiten-regio', gemeente: 'Nijmegen' }, now: NOW, actor: ACTOR, municipalities }))).toMatchObject({
      status: 422,
      code: 'casus.verhuisd-binnen-regio',
    });
  });

  it('keeps an agreement\'s source and the household\'s agreement when a new plan version continues it; a new one is the regisseur\'s', () => {
    const meeting = decide(openedCase(), {
      type: 'veiligheidsplan.vastgesteld',
      op: NOW.toISOString(),
      door: ACTOR,
      afspraken: [{ id: AGREEMENT, omschrijving: 'Daderhulp', eigenaar: { soort: 'organisatie', naam: 'GGZ' }, deadline: '2026-04-01', status: 'open', bron: 'expertoverleg', akkoordHuishouden: false }],
      akkoordHuishouden: { akkoord: 'gedeeltelijk', toelichting: null },
    });
    if (!meeting.ok) throw new Error(meeting.refusal.code);
    const body = { ...plan, afspraken: [{ ...plan.afspraken[0]!, id: AGREEMENT }, plan.afspraken[0]!] };
    const event = commands.planAdopted({ body, now: NOW, actor: ACTOR, snapshot: meeting.snapshot }, fixedId);
    expect(event).toMatchObject({
      afspraken: [
        { id: AGREEMENT, bron: 'expertoverleg', akkoordHuishouden: false },
        { id: 'nieuw-id', bron: 'regisseur', akkoordHuishouden: true },
      ],
    });
    // Only the regisseur records the household's agreement.
    expect(refusalOf(() => commands.agreementConsentRecorded({ body: {}, now: NOW, actor: { ...ACTOR, sub: 'mw-002' }, snapshot: meeting.snapshot, afspraakId: AGREEMENT }))).toMatchObject({
      status: 403,
      code: 'casus.alleen-regisseur-legt-akkoord-vast',
    });
    // The regisseur's substitute, in the period (the use-case sets vervangerVan only then), has the regisseur's rights.
    const substitute = { ...ACTOR, sub: 'mw-002', vervangerVan: meeting.snapshot.context.regisseur.id };
    expect(commands.agreementConsentRecorded({ body: {}, now: NOW, actor: substitute, snapshot: meeting.snapshot, afspraakId: AGREEMENT })).toMatchObject({ type: 'afspraak.akkoord-huishouden' });
    // Standing in for someone else gives nothing here.
    expect(refusalOf(() => commands.agreementConsentRecorded({ body: {}, now: NOW, actor: { ...substitute, vervangerVan: 'mw-999' }, snapshot: meeting.snapshot, afspraakId: AGREEMENT }))).toMatchObject({ status: 403 });
  });

  it('adds a member with a fresh id and defaults for what was left out', () => {
    const event = commands.memberAdded({ body: { voornamen: 'Kind', geslachtsnaam: 'B', relatie: 'kind', betrokkenheid: ['getuige'] }, now: NOW, actor: ACTOR }, fixedId);
    expect(event).toMatchObject({
      type: 'lid.toegevoegd',
      lid: { id: 'nieuw-id', voornamen: 'Kind', voorvoegsel: null, geslachtsnaam: 'B', naam: 'Kind B', geboortedatum: null, adres: null, contact: null, afgeschermd: false, inzageAfgeschermd: [] },
    });
    expect(event.type === 'lid.toegevoegd' && 'woontElders' in event.lid).toBe(false);
  });

  it('names a member from its parts, or splits the single name a system (or an old client) sends', () => {
    const named = (body: Partial<commands.NewMember>) => commands.newMember({ relatie: 'ouder', betrokkenheid: [], ...body }, '2026-03-10', 'geboortedatum', fixedId);
    expect(named({ voornamen: 'Jan', voorvoegsel: 'van der', geslachtsnaam: 'Berg', woontElders: true })).toMatchObject({ naam: 'Jan van der Berg', woontElders: true });
    expect(named({ naam: 'Fatima el Amrani' })).toMatchObject({ voornamen: 'Fatima', voorvoegsel: 'el', geslachtsnaam: 'Amrani', naam: 'Fatima el Amrani' });
    // Only a BSN named them: recorded, unnamed until a name is known.
    expect(named({})).toMatchObject({ voornamen: null, voorvoegsel: null, geslachtsnaam: commands.UNNAMED_MEMBER, naam: commands.UNNAMED_MEMBER });
  });

  it('refuses a birth date after today, naming the field (422 casus.geboortedatum-in-toekomst)', () => {
    const body = { voornamen: 'Kind', geslachtsnaam: 'B', relatie: 'kind' as const, betrokkenheid: [], geboortedatum: '2026-03-11' };
    expect(refusalOf(() => commands.memberAdded({ body, now: NOW, actor: ACTOR }))).toMatchObject({
      status: 422,
      code: 'casus.geboortedatum-in-toekomst',
      invalidParams: [{ name: 'geboortedatum' }],
    });
    expect(refusalOf(() => commands.memberCorrected({ body: { geboortedatum: '2026-03-11' }, lidId: MEMBER, now: NOW, actor: ACTOR }))).toMatchObject({
      status: 422,
      code: 'casus.geboortedatum-in-toekomst',
    });
  });

  it('corrects a member as a merge patch: null clears a birth date, absent fields stay', () => {
    const event = commands.memberCorrected({ body: { geboortedatum: null, voornamen: 'Ouder Anna' }, lidId: MEMBER, now: NOW, actor: ACTOR });
    expect(event).toMatchObject({ type: 'lid.gecorrigeerd', lidId: MEMBER, wijzigingen: { voornamen: 'Ouder Anna', geboortedatum: null } });
    const kept = commands.memberCorrected({ body: { geslachtsnaam: 'X' }, lidId: MEMBER, now: NOW, actor: ACTOR });
    expect(kept.type === 'lid.gecorrigeerd' && 'geboortedatum' in kept.wijzigingen).toBe(false);
    // The display name is the machine's to derive: the event carries the parts only.
    const corrected = decide(openedCase(), event);
    expect(corrected.ok && corrected.snapshot.context.leden[0]).toMatchObject({ voornamen: 'Ouder Anna', geslachtsnaam: 'A', naam: 'Ouder Anna A' });
  });

  it('turns the deprecated single name of a correction into all three parts', () => {
    const event = commands.memberCorrected({ body: { naam: 'Jan van der Berg' }, lidId: MEMBER, now: NOW, actor: ACTOR });
    expect(event.type === 'lid.gecorrigeerd' && event.wijzigingen).toEqual({ voornamen: 'Jan', voorvoegsel: 'van der', geslachtsnaam: 'Berg' });
  });

  it('sets or clears the household\'s aanduiding', () => {
    expect(commands.designationChanged({ body: { aanduiding: 'Gezin Jansen' }, now: NOW, actor: ACTOR })).toMatchObject({ type: 'casus.aanduiding-gewijzigd', aanduiding: 'Gezin Jansen' });
    expect(commands.designationChanged({ body: { aanduiding: null }, now: NOW, actor: ACTOR })).toMatchObject({ aanduiding: null });
  });

  it('builds a plan version: new agreements get an id, a known id continues', () => {
    const first = commands.planAdopted({ body: plan, now: NOW, actor: ACTOR, snapshot: openedCase() }, fixedId);
    expect(first).toMatchObject({ type: 'veiligheidsplan.vastgesteld', afspraken: [{ id: 'nieuw-id', status: 'open' }], akkoordHuishouden: { akkoord: 'ja', toelichting: null } });
    const next = commands.planAdopted({ body: { ...plan, afspraken: [{ ...plan.afspraken[0]!, id: AGREEMENT, status: 'gedaan' }] }, now: NOW, actor: ACTOR, snapshot: withPlan() });
    expect(next).toMatchObject({ afspraken: [{ id: AGREEMENT, status: 'gedaan' }] });
  });

  it('refuses a plan agreement id that is not in the current version (422 casus.afspraak-onbekend)', () => {
    const body = { ...plan, afspraken: [{ ...plan.afspraken[0]!, id: UNKNOWN }] };
    expect(refusalOf(() => commands.planAdopted({ body, now: NOW, actor: ACTOR, snapshot: withPlan() }))).toMatchObject({ status: 422, code: 'casus.afspraak-onbekend' });
  });

  it('keeps exactly three actions of a score', () => {
    const event = commands.scoreRecorded({ body: { score: 7, acties: ['a', 'b', 'c'], perspectieven: [] }, now: NOW, actor: ACTOR });
    expect(event).toMatchObject({ type: 'veiligheidsscore.vastgelegd', score: 7, acties: ['a', 'b', 'c'], perspectieven: [] });
  });

  it('reports an incident under the policy passed in, and refuses one after now (422 casus.incidentdatum-in-toekomst)', () => {
    const body = { tijdstip: new Date('2026-03-09T20:00:00.000Z'), soort: 'fysiek' as const, omschrijving: 'Duwen' };
    expect(commands.incidentReported({ body, now: NOW, actor: ACTOR, beleid: POLICY })).toMatchObject({
      type: 'incident.gemeld',
      datum: '2026-03-09T20:00:00.000Z',
      beleid: POLICY,
    });
    const later = { ...body, tijdstip: new Date(NOW.getTime() + 1) };
    expect(refusalOf(() => commands.incidentReported({ body: later, now: NOW, actor: ACTOR, beleid: POLICY }))).toMatchObject({
      status: 422,
      code: 'casus.incidentdatum-in-toekomst',
    });
  });

  it('names the phase event after the requested phase', () => {
    expect(commands.phaseAdvanced({ body: { naar: 'nazorg' }, now: NOW, actor: ACTOR }).type).toBe('fase.naar-nazorg');
  });

  it('escalates for the current window with a fresh id', () => {
    expect(commands.escalatedByRegisseur({ body: { reden: 'zorgen' }, now: NOW, actor: ACTOR, snapshot: openedCase() }, fixedId)).toMatchObject({
      type: 'casus.opgeschaald',
      opschalingId: 'nieuw-id',
      reden: 'handmatig',
      toelichting: 'zorgen',
      vensterNummer: 1,
    });
  });

  it('refers for MDA++ (issue 18): reason aanmelding-partner, naming the organisation and the person (none from a system)', () => {
    const police = { sub: 'pol-1', rol: 'ketenpartner' as const, organisatie: 'Politie' };
    expect(commands.referredForMda({ body: { reden: 'zorgen' }, now: NOW, actor: police, snapshot: openedCase(), persoon: 'pol-1' }, fixedId)).toEqual({
      type: 'casus.opgeschaald',
      op: NOW.toISOString(),
      door: police,
      opschalingId: 'nieuw-id',
      reden: 'aanmelding-partner',
      toelichting: 'zorgen',
      vensterNummer: 1,
      aangemeldDoor: { organisatie: 'Politie', persoon: 'pol-1' },
    });
    expect(commands.referredForMda({ body: { reden: 'zorgen' }, now: NOW, actor: police, snapshot: openedCase(), persoon: null }, fixedId)).toMatchObject({ aangemeldDoor: { persoon: null } });
    expect(commands.escalatedByRegisseur({ body: { reden: 'zorgen' }, now: NOW, actor: ACTOR, snapshot: openedCase() }, fixedId)).not.toHaveProperty('aangemeldDoor');
  });

  it('records a review of the MDA++ track, and de-escalation as its outcome (issue 18)', () => {
    expect(commands.mdaReviewed({ body: { evaluatieId: 'e-1', volgendeEvaluatie: new Date('2026-09-01T09:00:00Z'), toelichting: 'loopt' }, now: NOW, actor: ACTOR })).toEqual({
      type: 'mda.geevalueerd',
      op: NOW.toISOString(),
      door: ACTOR,
      evaluatieId: 'e-1',
      volgendeEvaluatie: '2026-09-01T09:00:00.000Z',
      toelichting: 'loopt',
    });
    expect(commands.deEscalated({ body: { reden: 'stabiel' }, now: NOW, actor: ACTOR, beleid: POLICY, evaluatieId: 'e-1' })).toMatchObject({ type: 'casus.afgeschaald', evaluatieId: 'e-1' });
    expect(commands.deEscalated({ body: { reden: 'stabiel' }, now: NOW, actor: ACTOR, beleid: POLICY })).not.toHaveProperty('evaluatieId');
  });

  it('marks a handover to the perpetrator side only when the lookup says so', () => {
    const body = { regisseur: { id: 'mw-002', organisatie: 'Wijkteam' }, reden: 'verlof' };
    expect(commands.regisseurHandedOver({ body, now: NOW, actor: ACTOR, perpetratorSide: true })).toMatchObject({ naarPlegerzijde: true });
    expect(commands.regisseurHandedOver({ body, now: NOW, actor: ACTOR, perpetratorSide: false })).not.toHaveProperty('naarPlegerzijde');
  });

  it('reopens and de-escalates with the reason given', () => {
    expect(commands.caseReopened({ body: { reden: 'nieuwe melding' }, now: NOW, actor: ACTOR, beleid: POLICY })).toMatchObject({ type: 'casus.heropend', reden: 'nieuwe melding', beleid: POLICY });
    expect(commands.deEscalated({ body: { reden: 'score op drempel' }, now: NOW, actor: ACTOR, beleid: POLICY })).toMatchObject({ type: 'casus.afgeschaald', reden: 'score op drempel', beleid: POLICY });
    expect(commands.analysisRecorded({ body: { toelichting: 't', problemen: ['schulden'], leefdomeinen: ['financien', 'wonen'] }, now: NOW, actor: ACTOR })).toMatchObject({
      type: 'verklarende-analyse.vastgelegd',
      problemen: ['schulden'],
      leefdomeinen: ['financien', 'wonen'],
    });
  });
});

describe('issue 17: what a case is about, per child', () => {
  const tijdstip = new Date(NOW.getTime() - 3_600_000);

  it('an incident keeps its form of violence and source only when given', () => {
    const given = commands.incidentReported({ body: { tijdstip, soort: 'fysiek', vorm: 'partnergeweld', bron: 'politie', omschrijving: 'o' }, now: NOW, actor: ACTOR, beleid: POLICY });
    expect(given).toMatchObject({ type: 'incident.gemeld', vorm: 'partnergeweld', bron: 'politie' });
    const bare = commands.incidentReported({ body: { tijdstip, soort: 'fysiek', omschrijving: 'o' }, now: NOW, actor: ACTOR, beleid: POLICY });
    expect(bare).not.toHaveProperty('vorm');
    expect(bare).not.toHaveProperty('bron');
  });

  it('a child record is refused when dated after now', () => {
    const tomorrow = new Date(NOW.getTime() + 86_400_000);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    expect(() => commands.childConversationRecorded({ body: { gesprekdatum: day(tomorrow) }, now: NOW, actor: ACTOR, lidId: 'l' })).toThrow(expect.objectContaining({ code: 'casus.kind-datum-in-toekomst' }));
    expect(() => commands.traumaScreeningWeighed({ body: { uitkomst: 'gedaan', instrument: 'CRIES-13', screeningsdatum: day(tomorrow) }, now: NOW, actor: ACTOR, lidId: 'l' })).toThrow(
      expect.objectContaining({ code: 'casus.kind-datum-in-toekomst' }),
    );
    expect(() => commands.handleWithCareRecorded({ body: { uitkomst: 'verstuurd', verstuurdOp: tomorrow, school: 'De Klimop' }, now: NOW, actor: ACTOR, lidId: 'l' })).toThrow(
      expect.objectContaining({ code: 'casus.kind-datum-in-toekomst' }),
    );
  });

  it('a Handle with Care record carries the moment and the school name, nothing else', () => {
    const event = commands.handleWithCareRecorded({ body: { uitkomst: 'verstuurd', verstuurdOp: tijdstip, school: 'De Klimop' }, now: NOW, actor: ACTOR, lidId: 'l' });
    expect(event).toMatchObject({ type: 'kind.handle-with-care-vastgelegd', lidId: 'l' });
    expect(event.type === 'kind.handle-with-care-vastgelegd' ? event.signaal : null).toEqual({ uitkomst: 'verstuurd', verstuurdOp: tijdstip.toISOString(), school: 'De Klimop' });
    const screening = commands.traumaScreeningWeighed({ body: { uitkomst: 'niet-nodig', reden: 'geen klachten' }, now: NOW, actor: ACTOR, lidId: 'l' });
    expect(screening).toMatchObject({ type: 'kind.traumascreening-gewogen', screening: { uitkomst: 'niet-nodig', reden: 'geen klachten' } });
  });
});

describe('the coordinator decides, the regisseur marks', () => {
  it('a decision names the escalation, its advice and the policy the new window starts under', () => {
    const back = commands.escalationDecided({ body: { opschalingId: 'o-1', besluit: 'terug-naar-lokaal-team', motivering: 'm', advies: 'a' }, now: NOW, actor: ACTOR, beleid: POLICY });
    expect(back).toMatchObject({ type: 'opschaling.terug-naar-lokaal-team', opschalingId: 'o-1', motivering: 'm', advies: 'a', beleid: POLICY });
    expect(commands.escalationDecided({ body: { opschalingId: 'o-1', besluit: 'mda-traject', motivering: 'm' }, now: NOW, actor: ACTOR, beleid: POLICY })).toMatchObject({
      type: 'opschaling.naar-mda-traject',
      advies: null,
    });
  });

  it('the mark for coordination on safety, with or without a note', () => {
    expect(commands.safetyCoordinationMarked({ body: { coordinatieOpVeiligheid: true }, now: NOW, actor: ACTOR })).toMatchObject({
      type: 'casus.coordinatie-op-veiligheid-gewijzigd',
      coordinatieOpVeiligheid: true,
      toelichting: null,
    });
    expect(commands.safetyCoordinationMarked({ body: { coordinatieOpVeiligheid: false, toelichting: 'besluit' }, now: NOW, actor: ACTOR })).toMatchObject({ toelichting: 'besluit' });
  });
});

describe('events of issue 16: links, undone merges, moves', () => {
  it('builds each with its envelope', () => {
    const regisseur = { id: 'mw-002', organisatie: 'Wijkteam' };
    expect(commands.caseLinked({ body: { casusId: 'c-2', reden: 'gedeelde-pleger', regisseur }, now: NOW, actor: ACTOR })).toEqual({ type: 'casus.gekoppeld', op: NOW.toISOString(), door: ACTOR, casusId: 'c-2', reden: 'gedeelde-pleger', regisseur });
    expect(commands.membersSplit({ body: { lidIds: ['l-1'], naarCasusId: 'c-3', berichtId: 'b-1', samengevoegdOp: NOW }, now: NOW, actor: ACTOR })).toMatchObject({ type: 'leden.afgesplitst', lidIds: ['l-1'], samengevoegdOp: NOW.toISOString() });
    expect(commands.moveOffered({ body: { gemeente: 'Wijchen', toelichting: 'verhuisd' }, now: NOW, actor: ACTOR })).toMatchObject({ type: 'verhuizing.aangeboden', naarGemeente: 'Wijchen' });
    expect(commands.moveWithdrawn({ body: { gemeente: 'Wijchen' }, now: NOW, actor: ACTOR })).toEqual({ type: 'verhuizing.ingetrokken', op: NOW.toISOString(), door: ACTOR, naarGemeente: 'Wijchen' });
    expect(commands.moveTaken({ body: { gemeente: 'Wijchen', regisseur }, now: NOW, actor: ACTOR, perpetratorSide: false })).toEqual({ type: 'verhuizing.overgenomen', op: NOW.toISOString(), door: ACTOR, gemeente: 'Wijchen', regisseur });
    expect(commands.moveTaken({ body: { gemeente: 'Wijchen', regisseur }, now: NOW, actor: ACTOR, perpetratorSide: true })).toMatchObject({ naarPlegerzijde: true });
  });
});

describe('events of the case that no request body names', () => {
  it('opens a case with a fresh id, the first window from the start given, optional facts only when present', () => {
    const member = commands.newMember({ naam: 'Ouder A', relatie: 'ouder', betrokkenheid: ['slachtoffer'] }, '2026-03-10', 'leden[0].geboortedatum', fixedId);
    const body = { gemeente: 'Nijmegen', bron: 'veilig-thuis' as const, leden: [member], regisseur: { id: 'mw-001', organisatie: 'Wijkteam' }, start: new Date('2026-03-01T00:00:00.000Z') };
    const opened = commands.caseOpened({ body, now: NOW, actor: ACTOR, beleid: POLICY }, fixedId);
    expect(opened).toEqual({ type: 'casus.geopend', op: NOW.toISOString(), door: ACTOR, id: 'nieuw-id', gemeente: 'Nijmegen', bron: 'veilig-thuis', leden: [member], regisseur: body.regisseur, startdatum: '2026-03-01T00:00:00.000Z', beleid: POLICY });
    const assessed = commands.caseOpened({ body: { ...body, veiligheidsinschatting: { score: 3, toelichting: 'Zorgen' } }, now: NOW, actor: ACTOR, beleid: POLICY }, fixedId);
    expect(assessed).toMatchObject({ veiligheidsinschatting: { score: 3, toelichting: 'Zorgen' } });
    // Links live beside the case (case_links, event casus.gekoppeld): a new opening names none.
    expect(assessed).not.toHaveProperty('gekoppeldAan');
    expect(openCase(assessed).context.gekoppeldAan).toBeNull();
  });

  it("names a message's member field in a birth-date refusal", () => {
    const refusal = () => commands.memberAdded({ body: { naam: 'Kind', geboortedatum: '2026-03-11', relatie: 'kind', betrokkenheid: ['getuige'] }, now: NOW, actor: ACTOR }, fixedId, 'leden[2].geboortedatum');
    expect(refusal).toThrow(expect.objectContaining({ code: 'casus.geboortedatum-in-toekomst' }));
    try {
      refusal();
    } catch (error) {
      expect(JSON.stringify(error)).toContain('leden[2].geboortedatum');
    }
  });

  it('reports a restraining order imposed (start and end) or extended (the new end)', () => {
    const start = new Date('2026-03-09T12:00:00.000Z');
    const einde = new Date('2026-03-19T12:00:00.000Z');
    expect(commands.restrainingOrderReported({ body: { actie: 'opgelegd', startdatum: start, einddatum: einde }, now: NOW, actor: ACTOR })).toEqual({
      type: 'huisverbod.opgelegd', op: NOW.toISOString(), door: ACTOR, start: start.toISOString(), einde: einde.toISOString(),
    });
    expect(commands.restrainingOrderReported({ body: { actie: 'verlengd', einddatum: einde }, now: NOW, actor: ACTOR })).toEqual({ type: 'huisverbod.verlengd', op: NOW.toISOString(), door: ACTOR, einde: einde.toISOString() });
  });

  it('lands an extension on a case: of its running order an extension, of no order or one ended before it started the order imposed', () => {
    const start = new Date('2026-03-09T12:00:00.000Z');
    const einde = new Date('2026-03-29T12:00:00.000Z');
    const input = { body: { actie: 'verlengd' as const, startdatum: start, einddatum: einde }, now: NOW, actor: ACTOR };
    const imposed = { type: 'huisverbod.opgelegd', start: start.toISOString(), einde: einde.toISOString() };
    expect(commands.restrainingOrderOnCase(input, null)).toMatchObject(imposed);
    const running = { start: start.toISOString(), einde: '2026-03-19T12:00:00.000Z', verlengd: false, herinnerdVoorEinde: false };
    expect(commands.restrainingOrderOnCase(input, running)).toEqual({ type: 'huisverbod.verlengd', op: NOW.toISOString(), door: ACTOR, einde: einde.toISOString() });
    expect(commands.restrainingOrderOnCase(input, { ...running, start: '2025-12-01T12:00:00.000Z', einde: '2025-12-11T12:00:00.000Z' })).toMatchObject(imposed);
    // An order imposed stays one, whatever the case had.
    expect(commands.restrainingOrderOnCase({ ...input, body: { ...input.body, actie: 'opgelegd' } }, running)).toMatchObject({ type: 'huisverbod.opgelegd' });
  });

  it("turns a due deadline timer into the machine's event: escalation, reminder, end of a restraining order", () => {
    const snapshot = openedCase();
    const fired = (kind: 'veiligheidsdeadline' | 'herinnering-deadline' | 'huisverbod-einde') =>
      commands.deadlineTimerFired({ body: { kind, vensterNummer: 1 }, snapshot, now: NOW, actor: ACTOR }, fixedId);
    expect(fired('veiligheidsdeadline')).toEqual({ type: 'casus.opgeschaald', op: NOW.toISOString(), door: ACTOR, opschalingId: 'nieuw-id', reden: 'deadline', toelichting: null, vensterNummer: 1 });
    expect(fired('herinnering-deadline')).toEqual({ type: 'veiligheidsdeadline.herinnerd', op: NOW.toISOString(), door: ACTOR, vensterNummer: 1 });
    expect(fired('huisverbod-einde')).toEqual({ type: 'huisverbod.herinnerd', op: NOW.toISOString(), door: ACTOR, einde: '' });
    // A review of the MDA++ track is due (issue 18): its number rides on the timer's window number.
    expect(commands.deadlineTimerFired({ body: { kind: 'mda-evaluatie', vensterNummer: 2 }, snapshot, now: NOW, actor: ACTOR }, fixedId)).toEqual({
      type: 'mda.evaluatie-klaargezet',
      op: NOW.toISOString(),
      door: ACTOR,
      evaluatieId: 'nieuw-id',
      nummer: 2,
    });
    // The machine judges whether the case still needs it: a deadline escalation before the deadline is refused by a guard.
    const early = decide(snapshot, fired('veiligheidsdeadline'));
    expect(early.ok).toBe(false);
  });
});

describe('what the path names is judged by the machine, with the codes clients saw before', () => {
  const refused = (snapshot: CaseSnapshot, event: CaseEvent) => {
    const decision = decide(snapshot, event);
    if (decision.ok) throw new Error(`${event.type} was accepted`);
    return decision.refusal;
  };

  it('an unknown member in the path: 404 casus.lid-niet-gevonden from the guard lidBestaat', () => {
    const event = commands.memberCorrected({ body: { naam: 'X' }, lidId: UNKNOWN, now: NOW, actor: ACTOR });
    expect(refused(openedCase(), event)).toMatchObject({ status: 404, code: 'casus.lid-niet-gevonden', guard: 'lidBestaat' });
  });

  it('an unknown agreement in the path: 404 casus.afspraak-niet-gevonden from the guard afspraakBestaat, with or without a plan', () => {
    const event = commands.agreementStatusChanged({ body: { status: 'gedaan' }, afspraakId: UNKNOWN, now: NOW, actor: ACTOR });
    expect(refused(openedCase(), event)).toMatchObject({ status: 404, code: 'casus.afspraak-niet-gevonden', guard: 'afspraakBestaat' });
    expect(refused(withPlan(), event)).toMatchObject({ status: 404, code: 'casus.afspraak-niet-gevonden', guard: 'afspraakBestaat' });
  });

  it('the known member and agreement are accepted', () => {
    expect(decide(openedCase(), commands.memberCorrected({ body: { naam: 'X' }, lidId: MEMBER, now: NOW, actor: ACTOR })).ok).toBe(true);
    expect(decide(withPlan(), commands.agreementStatusChanged({ body: { status: 'gedaan' }, afspraakId: AGREEMENT, now: NOW, actor: ACTOR })).ok).toBe(true);
  });
});

describe('issue 17 points 5 and 6: what the builders add', () => {
  const POLICE_OIN = '00000001003214345000';

  it('turns TOP3 actions into tracked ones: text, a named agreement, a new agreement (bron top3); text only keeps the old shape', () => {
    const body = {
      score: 5,
      acties: [
        { omschrijving: 'Buurvrouw', afspraakId: AGREEMENT },
        { omschrijving: 'Surveillance', nieuweAfspraak: { eigenaar: { soort: 'organisatie' as const, naam: 'Politie', oin: POLICE_OIN }, deadline: '2026-04-01' } },
        'School',
      ],
      perspectieven: [],
    };
    const event = commands.scoreRecorded({ body, now: NOW, actor: ACTOR, snapshot: withPlan() }, fixedId);
    expect(event).toMatchObject({
      acties: ['Buurvrouw', 'Surveillance', 'School'],
      actieAfspraken: [AGREEMENT, 'nieuw-id', null],
      nieuweAfspraken: [{ id: 'nieuw-id', omschrijving: 'Surveillance', deadline: '2026-04-01', status: 'open', bron: 'top3', akkoordHuishouden: true }],
    });
    // The next scoring records how those went.
    const after = decide(withPlan(), event);
    if (!after.ok) throw new Error(after.refusal.code);
    const next = commands.scoreRecorded({ body: { score: 6, acties: ['a', 'b', 'c'], perspectieven: [] }, now: NOW, actor: ACTOR, snapshot: after.snapshot });
    expect(next).toMatchObject({ vorigeActies: [{ afspraakId: AGREEMENT, status: 'open' }, { afspraakId: 'nieuw-id', status: 'open' }, { afspraakId: null, status: null }] });
    expect(next).not.toHaveProperty('actieAfspraken');
  });

  it('names the owner as the verified token does: an organisation by OIN where the agreement is an organisation\'s, else the sub', () => {
    const mark = (caller: { sub: string; oin?: string }) =>
      commands.agreementMarkedByOwner({ body: { status: 'gedaan', toelichting: 'klaar' }, now: NOW, actor: ACTOR, snapshot: withPlan(), afspraakId: AGREEMENT, caller });
    // The plan's agreement is a member's: the caller acts as themselves (the machine then refuses: not theirs).
    expect(mark({ sub: 'agent-1', oin: POLICE_OIN })).toMatchObject({ alsEigenaar: { soort: 'professional', id: 'agent-1' }, toelichting: 'klaar' });
    const refusal = decide(withPlan(), mark({ sub: 'agent-1', oin: POLICE_OIN }));
    expect(refusal.ok ? undefined : refusal.refusal.code).toBe('casus.afspraak-niet-van-u');
  });

  it('refuses a review date in the past and a consent date in the future; a consent names an entry of the network (404)', () => {
    expect(refusalOf(() => commands.memberInformed({ body: { status: 'niet-om-veiligheidsredenen', reden: 'r', herzienOp: '2026-03-09' }, now: NOW, actor: ACTOR, lidId: MEMBER }))).toMatchObject({
      status: 422,
      code: 'casus.herziendatum-in-verleden',
    });
    expect(commands.memberInformed({ body: { status: 'ja' }, now: NOW, actor: ACTOR, lidId: MEMBER })).toMatchObject({ status: 'ja', reden: null, herzienOp: null });
    const entry = { id: 'b-1', kind: 'organisatie' as const, subject: POLICE_OIN, organisation: 'Politie' };
    expect(refusalOf(() => commands.consentRecorded({ body: { status: 'ja', sinds: '2026-03-11' }, now: NOW, actor: ACTOR, lidId: MEMBER, entry }))).toMatchObject({ status: 422, code: 'casus.toestemmingsdatum-in-toekomst' });
    expect(refusalOf(() => commands.consentRecorded({ body: { status: 'ja', sinds: '2026-03-10' }, now: NOW, actor: ACTOR, lidId: MEMBER, entry: undefined }))).toMatchObject({ status: 404, code: 'betrokkene.niet-gevonden' });
    expect(commands.consentRecorded({ body: { status: 'nee', sinds: '2026-03-10', andereGrondslag: { soort: 'meldcode' } }, now: NOW, actor: ACTOR, lidId: MEMBER, entry })).toMatchObject({
      partner: { soort: 'organisatie', oin: POLICE_OIN },
      organisatie: 'Politie',
      andereGrondslag: { soort: 'meldcode', referentie: null },
    });
  });
});
