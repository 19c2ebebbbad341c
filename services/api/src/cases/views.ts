/** Case rows and snapshots as the API shows them (contracts in packages/contracts/src/cases.ts). */
import type { CaseListRow, CaseRow } from '@veilig-samen/db';
import { actionsOutcome, agreementConsent, caseDesignation, describeEvent, upcastEvent, describeSignal, signalOnTimeline, localDate, maySeeContactRecords, membersFor, ruleApplies, thresholdExplanation, phaseHistory, sealedFrom, stopsSharing, summarize, withoutSealedFields, type Agreement, type Analysis, type CaseContext, type CaseSnapshot, type Incident, type Member, type NetworkPerspective, type PlanVersion, type SafetyScore, type SafetyWindow, type SharingConsent, type StoredCaseEvent, type Viewer, describeNote, type Note, childrenOf, HANDLE_WITH_CARE_HOURS, handleWithCareDueSince, maySeeSealed, type AnalysisProposal, type ChildFacts } from '@veilig-samen/domain';
import type { CaseEventRow, CaseLinkRow, SignalRow } from '@veilig-samen/db';

export function windowView(window: SafetyWindow) {
  return {
    nummer: window.nummer,
    start: window.start,
    deadline: window.deadline,
    reden: window.reden,
    drempel: window.beleid.safetyThreshold,
    beleidsversie: window.beleid.version,
    drempelBereiktOp: window.drempelBereiktOp,
    regelVanToepassing: ruleApplies(window),
  };
}

/** The case as the API shows it, from the row's snapshot restored once; `incidents` read from its event log (history.ts: caseViewIncidents). */
/** A version of the analysis as the API shows it; versions from before issue 16 recorded no agreement. */
export function analysisView(analysis: Analysis) {
  return {
    toelichting: analysis.toelichting,
    problemen: [...analysis.problemen],
    vastgelegdOp: analysis.vastgelegdOp,
    vastgelegdDoor: analysis.vastgelegdDoor,
    akkoordHuishouden: analysis.akkoordHuishouden ?? null,
    voorgesteldDoor: analysis.voorgesteldDoor ?? null,
    leefdomeinen: [...(analysis.leefdomeinen ?? [])],
  };
}

/** The proposal waiting for the regisseur; proposals from before issue 17 named no life domains. */
export function analysisProposalView(proposal: AnalysisProposal) {
  return { ...proposal, problemen: [...proposal.problemen], leefdomeinen: [...(proposal.leefdomeinen ?? [])] };
}

/**
 * Whether this viewer may see the school a child's Handle with Care signal
 * went to: where a child goes to school tells where the child is, so it is
 * shown like a sealed address (sealing.ts), and never on the perpetrator's side.
 */
export function maySeeSchool(member: Member, viewer: Viewer): boolean {
  return !viewer.perpetratorSide && maySeeSealed(member, viewer);
}

/** What is recorded about one child, as this viewer may see it (issue 17 point 8). */
export function childView(member: Member, facts: ChildFacts, viewer: Viewer) {
  const screening = facts.traumascreening ?? null;
  const signal = facts.handleWithCare ?? null;
  const since = handleWithCareDueSince(facts);
  return {
    lidId: member.id,
    gesprek: facts.gesprek ? { gesprekdatum: facts.gesprek.datum, vastgelegdOp: facts.gesprek.vastgelegdOp, vastgelegdDoor: facts.gesprek.door } : null,
    traumascreening: screening
      ? {
          uitkomst: screening.uitkomst,
          instrument: screening.uitkomst === 'gedaan' ? screening.instrument : null,
          screeningsdatum: screening.uitkomst === 'gedaan' ? screening.datum : null,
          reden: screening.uitkomst === 'niet-nodig' ? screening.reden : null,
          vastgelegdOp: screening.vastgelegdOp,
          vastgelegdDoor: screening.door,
        }
      : null,
    handleWithCare: {
      nodigSinds: since,
      uiterlijk: since === null ? null : new Date(new Date(since).getTime() + HANDLE_WITH_CARE_HOURS * 3_600_000).toISOString(),
      laatste: signal
        ? {
            uitkomst: signal.uitkomst,
            verstuurdOp: signal.uitkomst === 'verstuurd' ? signal.verstuurdOp : null,
            school: signal.uitkomst === 'verstuurd' && maySeeSchool(member, viewer) ? signal.school : null,
            reden: signal.uitkomst === 'niet-van-toepassing' ? signal.reden : null,
            vastgelegdOp: signal.vastgelegdOp,
            vastgelegdDoor: signal.door,
          }
        : null,
    },
  };
}

export function caseView(row: CaseRow, snapshot: CaseSnapshot, incidents: readonly Incident[], links: readonly CaseLinkRow[], now: Date, viewer: Viewer) {
  const summary = summarize(snapshot, now);
  const context = snapshot.context;
  return {
    id: row.id,
    aanduiding: caseDesignation(context),
    gemeente: context.gemeente,
    bron: context.bron,
    fase: summary.fase,
    faseSinds: summary.faseSinds,
    dagenInFase: summary.dagenInFase,
    regisseur: { ...summary.regisseur },
    // Without the members who refused or withdrew consent to share with this viewer (issue 17 point 6).
    leden: membersFor(context.leden, viewer).map(memberView),
    laatsteVeiligheidsscore: summary.laatsteVeiligheidsscore,
    top3Acties: context.laatsteScore ? actionsOutcome(context.laatsteScore, context.huidigPlan) : null,
    netwerkPerspectieven: (context.netwerkPerspectieven ?? []).map(networkPerspectiveView),
    drempelBereikt: summary.drempelBereikt,
    // Built only where it is shown: not in the summary every write derives its columns from.
    drempelToelichting: thresholdExplanation({
      venster: summary.venster,
      laatsteScore: context.laatsteScore ? { score: context.laatsteScore.score, op: context.laatsteScore.gescoordOp } : null,
      opgeschaald: summary.opgeschaald,
    }),
    veiligheidsdeadline: summary.veiligheidsdeadline,
    venster: windowView(summary.venster),
    coordinatieOpVeiligheid: context.coordinatieOpVeiligheid ?? false,
    opgeschaald: summary.opgeschaald,
    mda: summary.mda,
    laatsteOpschaling: summary.laatsteOpschaling
      ? {
          id: summary.laatsteOpschaling.id,
          reden: summary.laatsteOpschaling.reden,
          redenen: [...summary.laatsteOpschaling.redenen],
          op: summary.laatsteOpschaling.op,
          besluit: summary.laatsteOpschaling.besluit?.besluit ?? null,
        }
      : null,
    herhaling: summary.herhaling,
    veiligheidsplanVersie: summary.veiligheidsplanVersie,
    openAfspraken: summary.openAfspraken,
    afsprakenTeLaat: summary.afsprakenTeLaat,
    verklarendeAnalyse: context.analyse ? analysisView(context.analyse) : null,
    analysevoorstel: context.analyseVoorstel ? analysisProposalView(context.analyseVoorstel) : null,
    // The API names the moment `tijdstip` (NL API Design Rules: a `datum` is a date); the stored events keep `datum`.
    incidenten: incidents.map(({ datum, ...incident }) => ({ tijdstip: datum, ...incident, vorm: incident.vorm ?? null, bron: incident.bron ?? null })),
    // The reason and when: who died, where a household moved (possibly a victim's new municipality) or to whom stay in the event log.
    afsluiting: context.afsluiting ? { reden: context.afsluiting.reden, op: context.afsluiting.op } : null,
    huisverbod: context.huisverbod ? { start: context.huisverbod.start, einde: context.huisverbod.einde, verlengd: context.huisverbod.verlengd } : null,
    veiligheidsinschatting: context.veiligheidsinschatting ? { ...context.veiligheidsinschatting } : null,
    // That a link exists and whom to talk to: never the other case's content (issue 16, point 8).
    gekoppeldeCasussen: links.map((link) => ({
      casusId: link.otherCaseId,
      reden: link.reason,
      regisseur: { id: link.regisseurId, organisatie: link.regisseurOrganisation },
      sinds: link.createdAt.toISOString(),
    })),
    regiewissel: context.regiewissel
      ? {
          id: context.regiewissel.id,
          voorgesteldAan: { ...context.regiewissel.regisseur },
          reden: context.regiewissel.reden,
          voorgesteldOp: context.regiewissel.voorgesteldOp,
          voorgesteldDoor: context.regiewissel.voorgesteldDoor,
        }
      : null,
    kinderen: childrenOf(context).map(({ lid, feiten }) => childView(lid, feiten, viewer)),
    geopendOp: context.geopendOp,
    versie: row.version,
  };
}

/** A member as the API shows it, after memberFor/membersFor decided what this viewer sees (sealing.ts). */
export function memberView(lid: Member) {
  return {
    id: lid.id,
    voornamen: lid.voornamen,
    voorvoegsel: lid.voorvoegsel,
    geslachtsnaam: lid.geslachtsnaam,
    naam: lid.naam,
    geboortedatum: lid.geboortedatum,
    relatie: lid.relatie,
    betrokkenheid: [...lid.betrokkenheid],
    woontElders: lid.woontElders ?? false,
    adres: lid.adres ?? null,
    contact: lid.contact ?? null,
    afgeschermd: lid.afgeschermd ?? false,
    veiligContact: lid.veiligContact ? { ...lid.veiligContact } : null,
    geinformeerd: lid.geinformeerd ? { ...lid.geinformeerd } : null,
    toestemmingen: (lid.toestemmingen ?? []).map(consentView),
  };
}

/** A member's consent for one partner, with whether the member's data is shared with it (consent.ts). */
export function consentView(consent: SharingConsent) {
  return { ...consent, partner: { ...consent.partner }, andereGrondslag: consent.andereGrondslag ? { ...consent.andereGrondslag } : null, gedeeld: !stopsSharing(consent) };
}

/** A network partner's own perspective on safety (issue 17 point 5). */
export function networkPerspectiveView(perspective: NetworkPerspective) {
  return { ...perspective, van: { ...perspective.van } };
}

/** A joint score as the API shows it: its actions, the agreements they name and how the previous three went (issue 17; empty for older scores). */
export function scoreView(score: SafetyScore, viewer?: Viewer) {
  return {
    score: score.score,
    acties: [...score.acties],
    actieAfspraken: [...(score.actieAfspraken ?? [])],
    vorigeActies: score.vorigeActies ? score.vorigeActies.map((o) => ({ ...o })) : null,
    // A member's own score is their data: not for a viewer they withheld it from (consent.ts).
    perspectieven: score.perspectieven.filter((p) => p.van.soort !== 'lid' || !viewer?.withheld?.has(p.van.lidId)).map((p) => ({ ...p, van: { ...p.van } })),
    gescoordDoor: score.gescoordDoor,
    gescoordOp: score.gescoordOp,
    bron: score.bron ?? ('regisseur' as const),
  };
}

/** A row of a case list: `designation` filled (searchCases: from the snapshot for a row stored before the column). */
export function caseListItemView(row: CaseListRow & { readonly designation: string }) {
  return {
    id: row.id,
    aanduiding: row.designation,
    gemeente: row.municipality,
    fase: row.phase,
    regisseur: { id: row.regisseurId, organisatie: row.regisseurOrganisation },
    laatsteVeiligheidsscore: row.latestScore,
    laatsteScoreOp: row.latestScoreAt?.toISOString() ?? null,
    drempelBereikt: row.thresholdReachedAt !== null,
    drempelBereiktOp: row.thresholdReachedAt?.toISOString() ?? null,
    drempelToelichting: thresholdExplanation({
      venster: {
        start: row.windowStart.toISOString(),
        deadline: row.safetyDeadline.toISOString(),
        reden: row.windowReason,
        drempelBereiktOp: row.thresholdReachedAt?.toISOString() ?? null,
        regelVanToepassing: row.ruleApplies,
      },
      laatsteScore: row.latestScore !== null && row.latestScoreAt ? { score: row.latestScore, op: row.latestScoreAt.toISOString() } : null,
      opgeschaald: row.escalated,
    }),
    venster: { start: row.windowStart.toISOString(), reden: row.windowReason, regelVanToepassing: row.ruleApplies },
    veiligheidsdeadline: row.safetyDeadline.toISOString(),
    opgeschaald: row.escalated,
    geopendOp: row.openedAt.toISOString(),
    faseSinds: row.phaseSince.toISOString(),
    versie: row.version,
  };
}

/** An agreement as the API shows it: late or not on `today`, its source and the household's agreement (defaults for old ones). */
export function agreementView(agreement: Agreement, today: string) {
  return { ...agreement, teLaat: agreement.status === 'open' && agreement.deadline < today, ...agreementConsent(agreement), statuswijziging: agreement.statuswijziging ?? null };
}

export function planVersionView(version: PlanVersion, now: Date) {
  const today = localDate(now);
  return {
    versie: version.versie,
    afspraken: version.afspraken.map((a) => agreementView(a, today)),
    akkoordHuishouden: { ...version.akkoordHuishouden },
    vastgesteldOp: version.vastgesteldOp,
    vastgesteldDoor: version.vastgesteldDoor,
  };
}

/**
 * The event's own fields, without the envelope that the timeline shows
 * separately, and without the policy snapshot (internal; the case's window
 * shows its threshold and policy version).
 */
function eventData(event: StoredCaseEvent): Record<string, unknown> {
  const { type: _type, op: _op, door: _door, ...data } = event;
  if ('beleid' in data) {
    const { beleid: _beleid, ...rest } = data;
    return rest;
  }
  return data;
}

/** Drops the sealed fields of the members in `hidden` from an event's data. */
function withoutSealed(data: Record<string, unknown>, hidden: ReadonlySet<string>): Record<string, unknown> {
  const strip = (member: unknown) =>
    member && typeof member === 'object' && hidden.has(String((member as { id?: unknown }).id)) ? withoutSealedFields(member) : member;
  const result = { ...data };
  if (Array.isArray(result.leden)) result.leden = result.leden.map(strip);
  if (result.lid) result.lid = strip(result.lid);
  if (typeof result.lidId === 'string' && hidden.has(result.lidId) && result.wijzigingen && typeof result.wijzigingen === 'object') {
    result.wijzigingen = withoutSealedFields(result.wijzigingen);
  }
  // Where a household moved (closure verhuisd-buiten-regio) may be where a sealed victim now lives: hidden like the address.
  if (hidden.size > 0 && result.reden === 'verhuisd-buiten-regio' && 'gemeente' in result) delete result.gemeente;
  return result;
}

/** A Handle with Care record without its school, for whoever may not see where the child is (maySeeSchool). */
function withoutSchool(data: Record<string, unknown>, hidden: ReadonlySet<string>, viewer: Viewer): Record<string, unknown> {
  const signal = data.signaal;
  if (!signal || typeof signal !== 'object' || !('school' in signal) || typeof data.lidId !== 'string') return data;
  if (!viewer.perpetratorSide && !hidden.has(data.lidId)) return data;
  const { school: _school, ...rest } = signal as Record<string, unknown>;
  return { ...data, signaal: rest };
}

interface TimelineEntry {
  readonly volgnummer: number | null;
  readonly type: string;
  readonly omschrijving: string;
  readonly op: string;
  readonly door: { readonly id: string; readonly rol: string; readonly organisatie: string };
  readonly gegevens: Record<string, unknown>;
}

/** The member an event is about, by its fields (a member record, a correction, an addition), if any. */
function memberOfEvent(event: StoredCaseEvent): string | undefined {
  if (event.type === 'lid.toegevoegd') return event.lid.id;
  if (event.type === 'lid.gecorrigeerd' || event.type === 'lid.geinformeerd' || event.type === 'lid.veilig-contact-vastgelegd' || event.type === 'toestemming.vastgelegd') return event.lidId;
  return undefined;
}

/** Events holding what the regisseur records about reaching and informing a member (issue 17 point 6). */
const CONTACT_RECORDS: ReadonlySet<string> = new Set(['lid.geinformeerd', 'lid.veilig-contact-vastgelegd', 'toestemming.vastgelegd']);

/**
 * An event as this viewer may see it, where it concerns a member whose data
 * is withheld from them (consent.ts), or a member's contact records they may
 * not see (sealing.ts maySeeContactRecords): which member, and nothing of
 * their data; a member's own score leaves the scoring. Undefined: as it is.
 */
function restrictedForViewer(event: StoredCaseEvent, context: CaseContext, viewer: Viewer): { omschrijving: string; gegevens: Record<string, unknown> } | undefined {
  const withheld = viewer.withheld ?? new Set<string>();
  const memberId = memberOfEvent(event);
  if (memberId !== undefined && withheld.has(memberId)) return { omschrijving: 'Gegevens van een lid vastgelegd; dit lid deelt zijn gegevens niet met u.', gegevens: { lidId: memberId } };
  if (memberId !== undefined && CONTACT_RECORDS.has(event.type)) {
    const member = context.leden.find((m) => m.id === memberId);
    if (!member || !maySeeContactRecords(member, viewer)) return { omschrijving: 'Gegevens van een lid vastgelegd.', gegevens: { lidId: memberId } };
  }
  if (withheld.size === 0) return undefined;
  if (event.type === 'casus.geopend') {
    const data = eventData(event);
    return { omschrijving: describeEvent(event), gegevens: { ...data, leden: event.leden.filter((m) => !withheld.has(m.id)) } };
  }
  if (event.type === 'veiligheidsscore.vastgelegd') {
    return { omschrijving: describeEvent(event), gegevens: { ...eventData(event), perspectieven: event.perspectieven.filter((p) => p.van.soort !== 'lid' || !withheld.has(p.van.lidId)) } };
  }
  return undefined;
}

/** An event's sentence as this viewer may read it (the timeline, the inzage): `hidden` from sealedFrom. */
export function describeEventFor(event: StoredCaseEvent, context: CaseContext, viewer: Viewer, hidden: ReadonlySet<string>): string {
  return restrictedForViewer(event, context, viewer)?.omschrijving ?? describeEvent(event, hidden);
}

/** A note on the timeline (no event of the case): who wrote it and when; what it says only to who may read it (notes.ts). */
export interface TimelineNote {
  readonly note: Note & { readonly caseVersion: number };
  readonly readable: boolean;
}

function noteEntry({ note, readable }: TimelineNote): TimelineEntry {
  const shown = readable && !note.ingetrokken;
  return {
    volgnummer: null,
    type: 'notitie.toegevoegd',
    omschrijving: describeNote(note, shown),
    op: note.op,
    door: { ...note.door },
    gegevens: shown
      ? { notitieId: note.id, soort: note.soort, contactdatum: note.contactdatum, tekst: note.tekst, zichtbaarheid: note.zichtbaarheid, lidIds: [...note.lidIds], corrigeert: note.corrigeert }
      : {},
  };
}

/**
 * The case's history as this viewer may see it: sealed details only for those entitled (sealing.ts), withheld
 * members' data not at all (consent.ts), a note's text only for who may read it (notes.ts).
 */
export function timelineView(
  rows: readonly CaseEventRow[],
  history: readonly StoredCaseEvent[],
  context: CaseContext,
  viewer: Viewer,
  signals: readonly SignalRow[] = [],
  notes: readonly TimelineNote[] = [],
) {
  // From the whole history, not just this page: a member sealed in a later event is hidden in an earlier one too.
  const hidden = sealedFrom(history, context, viewer);
  const entries: TimelineEntry[] = [];
  // Signals (an attempt to open a second case, finding 6) and notes are no events of the case: no volgnummer; each
  // sits right after the event that was the case's version when it was made, in the order made (both come sorted that way).
  const extras = [
    ...signals.flatMap((signal) => {
      // A reminder, decision or incident is on the timeline as its event already: its werkvoorraad item is not repeated.
      if (!signalOnTimeline(signal.kind)) return [];
      const entry: TimelineEntry = {
        volgnummer: null,
        type: `casus.${signal.kind}`,
        omschrijving: describeSignal(signal.kind),
        op: signal.createdAt.toISOString(),
        door: { id: signal.actorSub, rol: signal.actorRole, organisatie: signal.actorOrganisation },
        gegevens: {},
      };
      return [{ version: signal.caseVersion ?? 0, entry }];
    }),
    ...notes.map((note) => ({ version: note.note.caseVersion, entry: noteEntry(note) })),
  ].sort((a, b) => a.version - b.version || a.entry.op.localeCompare(b.entry.op));
  let next = 0;
  const extrasUpTo = (version: number) => {
    for (; next < extras.length && (extras[next]?.version ?? 0) <= version; next += 1) {
      const extra = extras[next];
      if (extra) entries.push(extra.entry);
    }
  };
  for (const row of rows) {
    // A log from before a change reads in today's shape (names in parts: event-versions.ts).
    const event = upcastEvent(row.payload);
    const restricted = restrictedForViewer(event, context, viewer);
    entries.push({
      volgnummer: row.seq,
      type: row.type,
      omschrijving: restricted?.omschrijving ?? describeEvent(event, hidden),
      op: row.occurredAt.toISOString(),
      door: { id: row.actorSub, rol: row.actorRole, organisatie: row.actorOrganisation },
      gegevens: withoutSchool(withoutSealed(restricted?.gegevens ?? eventData(event), hidden), hidden, viewer),
    });
    extrasUpTo(row.seq);
  }
  extrasUpTo(Number.POSITIVE_INFINITY);
  return { fasen: phaseHistory(history).map(({ fase, op }) => ({ fase, sinds: op })), gebeurtenissen: entries };
}
