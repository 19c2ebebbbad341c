/**
 * Inzage (AVG art. 15): everything recorded about one member of a case, and
 * who looked at it: the member's details, the agreements they own, the
 * scores, the case's timeline (others' sealed details hidden) and the whole
 * log of accesses to this member's data.
 *
 * Reviewed before release (issue 17 point 10, AVG art. 15(4): the rights of
 * others): the regisseur or the municipality's privacy officer prepares an
 * export (the document is built for the member and stored, frozen), withholds
 * items about others with a reason, and releases it; only a released export
 * is downloaded. Each step is in the case's access log, naming the member.
 * Nobody on the perpetrator's side prepares or reads the export of a member
 * who is not on that side, and an export for a member on the perpetrator's
 * side names no one of the victim's side (withoutIdentities, finding 12).
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Inzage, InzageExportView } from '@veilig-samen/contracts';
import {
  findInzageExport,
  findProfessional,
  insertInzageExport,
  latestReleasedInzageExport,
  listCaseEvents,
  listMemberAccesses,
  listMemberInzageExports,
  lockInzageExport,
  releaseInzageExport,
  setWithheldItems,
  type CaseRow,
  type Executor,
  type InzageExportRow,
  type Transaction,
  type WithheldItem,
} from '@veilig-samen/db';
import {
  caseErrors,
  localDate,
  memberOnPerpetratorSide,
  planVersionsOf,
  restoreCase,
  scoreOf,
  sealedFrom,
  upcastEvent,
  withoutIdentities,
  type Caller,
  type Member,
  type Viewer,
} from '@veilig-samen/domain';
import { actsAsRegisseur, type Access } from '../cases/access.js';
import { describeEventFor } from '../cases/views.js';
import { readCase, type CaseDeps, type CaseRead } from '../cases/use-cases.js';
import { inzageErrors } from './errors.js';
import { notesForMemberInzage } from './notes.js';

/** Writes the step's access-log row in its transaction, naming the member. */
export type InzageAudit = (tx: Transaction, caseId: string, memberId: string) => Promise<void>;

/**
 * The member as the viewer of their own document: no professional's grant
 * opens another member's sealed details, and a member on the perpetrator's
 * side is judged as that side is (review of issue 17, H1); their own sealed
 * details and contact records are theirs (sealing.ts `Viewer.member`).
 */
export function memberViewer(member: Member): Viewer {
  return { sub: '', caseManager: false, isRegisseur: false, perpetratorSide: memberOnPerpetratorSide(member), member: member.id };
}

/**
 * Who may prepare, review, release and download a member's export: the
 * regisseur (or substitute) and the municipality's privacy officer (the
 * routes admit only these roles; access.ts admits a privacy officer only to
 * its municipality's cases); never from the perpetrator's side for a member
 * who is not on it.
 */
export function assertMayReview(caller: Caller, row: Pick<CaseRow, 'regisseurId'>, access: Access, member: Pick<Member, 'betrokkenheid'> | undefined): void {
  const reviewer = caller.role === 'privacy' || (caller.role === 'lokaal-team' && access.involved && actsAsRegisseur(caller, row, access));
  if (!reviewer) throw inzageErrors.onlyReviewer();
  if (access.perpetratorSide && (member === undefined || !memberOnPerpetratorSide(member))) throw inzageErrors.perpetratorSide();
}

/**
 * The inzage document of `member`, built now for the member: every item with
 * its stable id (the event's or access-log row's number, the agreement's id
 * and plan version), sealed details of others hidden, and, for a member on
 * the perpetrator's side, nobody of the victim's side named.
 */
/**
 * An access's route as a member on the perpetrator's side reads it: a route
 * under a member (`…/leden/:lidId/informering`, `…/veilig-contact`,
 * `…/toestemmingen/:betrokkeneId`) names the kind of record, and a victim's
 * informing, safe-contact or consent record is what the timeline already
 * hides from that side (finding H1 of the review of issue 17). The member
 * still learns that someone read or wrote a member's data, and when.
 */
function memberRecordRouteHidden(action: string): string {
  return action.replace(/(\/leden\/:lidId)\/\S+/, '$1');
}

export async function buildInzageDocument(deps: Pick<CaseDeps, 'clock'> & { readonly db: Executor }, row: CaseRow, member: Member): Promise<Inzage> {
  const context = restoreCase(row.state).context;
  const events = await listCaseEvents(deps.db, row.id);
  // The whole history, never cut off (AVG art. 15), read in today's shape (event-versions.ts).
  const log = events.map((e) => ({ seq: e.seq, at: e.occurredAt, event: upcastEvent(e.payload) }));
  const history = log.map((e) => e.event);
  const viewer = memberViewer(member);
  const hidden = sealedFrom(history, context, viewer);
  const accesses = await listMemberAccesses(deps.db, row.id, member.id);
  const regisseur = await findProfessional(deps.db, context.regisseur.id);
  const document: Inzage = {
    opgesteldOp: deps.clock.now().toISOString(),
    lid: { id: member.id, naam: member.naam, geboortedatum: member.geboortedatum, relatie: member.relatie, betrokkenheid: [...member.betrokkenheid] },
    casus: { id: row.id, gemeente: context.gemeente, fase: row.phase, regisseur: { ...context.regisseur, naam: regisseur?.name ?? null }, geopendOp: context.geopendOp },
    afspraken: planVersionsOf(history).flatMap((version) =>
      version.afspraken
        .filter((a) => a.eigenaar.soort === 'lid' && a.eigenaar.lidId === member.id)
        .map((a) => ({ id: `afspraak-${a.id}-v${version.versie}`, omschrijving: a.omschrijving, deadline: a.deadline, status: a.status, versie: version.versie })),
    ),
    veiligheidsscores: log.flatMap(({ seq, event }) => {
      if (event.type !== 'veiligheidsscore.vastgelegd') return [];
      const s = scoreOf(event);
      return [{ id: `score-${seq}`, op: s.gescoordOp, gezamenlijkeScore: s.score, eigenScore: s.perspectieven.find((p) => p.van.soort === 'lid' && p.van.lidId === member.id)?.score ?? null }];
    }),
    // Each sentence as the timeline gives it to this viewer (the same function, views.ts describeEventFor).
    tijdlijn: log.map(({ seq, at, event }) => ({ id: `gebeurtenis-${seq}`, op: at.toISOString(), omschrijving: describeEventFor(event, context, viewer, hidden) })),
    inzagen: accesses.map((entry) => ({
      id: `toegang-${entry.id}`,
      op: entry.at.toISOString(),
      medewerker: entry.actorSub,
      organisatie: entry.actorOrganisation,
      actie: memberOnPerpetratorSide(member) ? memberRecordRouteHidden(entry.action) : entry.action,
      doel: entry.purpose,
    })),
    notities: await notesForMemberInzage(deps, row, member),
  };
  if (!memberOnPerpetratorSide(member)) return document;
  // The regisseur, by name too, is whom the member talks to.
  return withoutIdentities(document, new Set([context.regisseur.id, context.regisseur.organisatie, ...(regisseur?.name ? [regisseur.name] : [])]));
}

/** The list sections of a document and their items with an id: the withholdable items (also sections added later). */
function itemsOf(document: Readonly<Record<string, unknown>>): Map<string, string> {
  const sections = new Map<string, string>();
  for (const [section, value] of Object.entries(document)) {
    if (!Array.isArray(value)) continue;
    for (const item of value) {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'string') sections.set(id, section);
    }
  }
  return sections;
}

/** The document as released: the withheld items left out, and what was left out (section and reason, never the content). */
export function releasedDocument(row: Pick<InzageExportRow, 'document' | 'withheld'>): Inzage {
  const withheld = new Set(row.withheld.map((w) => w.itemId));
  const document = Object.fromEntries(
    Object.entries(row.document).map(([key, value]) => [key, Array.isArray(value) ? value.filter((item) => !withheld.has((item as { id?: unknown } | null)?.id as string)) : value]),
  );
  return { ...(document as Inzage), weggelaten: row.withheld.map((w) => ({ sectie: w.section, reden: w.reason })) };
}

export function inzageExportView(row: InzageExportRow): InzageExportView {
  return {
    id: row.id,
    casusId: row.caseId,
    lidId: row.memberId,
    status: row.status,
    ontvangenOp: row.requestedOn,
    opgesteldOp: row.preparedAt.toISOString(),
    opgesteldDoor: row.preparedBy,
    vrijgegevenOp: row.releasedAt?.toISOString() ?? null,
    vrijgegevenDoor: row.releasedBy,
    weglatingen: row.withheld.map((w) => ({ onderdeelId: w.itemId, sectie: w.section, reden: w.reason, door: w.by, op: w.at })),
    document: row.document as Inzage,
  };
}

function memberOf(read: CaseRead, memberId: string): Member {
  const member = restoreCase(read.row.state).context.leden.find((m) => m.id === memberId);
  if (!member) throw caseErrors.memberNotFound();
  return member;
}

/** The member an export is about, as the case knows them now (undefined once split off: then only a reviewer not on the perpetrator's side). */
function exportMember(read: CaseRead, row: InzageExportRow): Member | undefined {
  return restoreCase(read.row.state).context.leden.find((m) => m.id === row.memberId);
}

/** Prepares a member's export: the document built now and stored as a draft. */
export async function prepareInzageExport(deps: CaseDeps, caller: Caller, caseId: string, memberId: string, body: { readonly ontvangenOp?: string | undefined }, audit: InzageAudit) {
  const read = await readCase(deps, caller, caseId);
  const member = memberOf(read, memberId);
  assertMayReview(caller, read.row, read.access, member);
  const now = deps.clock.now();
  if (body.ontvangenOp !== undefined && body.ontvangenOp > localDate(now)) throw inzageErrors.requestInFuture();
  const document = await buildInzageDocument(deps, read.row, member);
  const row = await deps.db.transaction(async (tx) => {
    const inserted = await insertInzageExport(tx, {
      id: randomUUID(),
      caseId,
      memberId,
      status: 'concept',
      document,
      withheld: [],
      requestedOn: body.ontvangenOp ?? localDate(now),
      preparedBy: caller.sub,
      preparedByRole: caller.role,
      preparedAt: now,
    });
    await audit(tx, caseId, memberId);
    return inserted;
  });
  return { read, row };
}

/** A member's exports, newest first (for the reviewers). */
export async function listInzageExports(deps: CaseDeps, caller: Caller, caseId: string, memberId: string) {
  const read = await readCase(deps, caller, caseId);
  assertMayReview(caller, read.row, read.access, memberOf(read, memberId));
  return { read, rows: await listMemberInzageExports(deps.db, caseId, memberId) };
}

/** One export for a reviewer, draft or released, with the whole document. */
export async function readInzageExport(deps: CaseDeps, caller: Caller, caseId: string, exportId: string) {
  const read = await readCase(deps, caller, caseId);
  const row = await findInzageExport(deps.db, caseId, exportId);
  if (!row) throw inzageErrors.notFound();
  assertMayReview(caller, read.row, read.access, exportMember(read, row));
  return { read, row };
}

/** Changes a draft under its row lock: a released export changes no more (and its trigger refuses). */
async function changeDraft(
  deps: CaseDeps,
  caller: Caller,
  caseId: string,
  exportId: string,
  audit: InzageAudit,
  change: (tx: Transaction, row: InzageExportRow, read: CaseRead) => Promise<InzageExportRow | undefined>,
) {
  const read = await readCase(deps, caller, caseId);
  const row = await deps.db.transaction(async (tx) => {
    const locked = await lockInzageExport(tx, caseId, exportId);
    if (!locked) throw inzageErrors.notFound();
    assertMayReview(caller, read.row, read.access, exportMember(read, locked));
    if (locked.status !== 'concept') throw inzageErrors.alreadyReleased();
    const changed = await change(tx, locked, read);
    if (!changed) throw inzageErrors.alreadyReleased();
    await audit(tx, caseId, locked.memberId);
    return changed;
  });
  return { read, row };
}

/** Withholds one item of a draft, with the reason the member will read; again for the same item replaces the reason. */
export function withholdItem(deps: CaseDeps, caller: Caller, caseId: string, exportId: string, itemId: string, reason: string, audit: InzageAudit) {
  return changeDraft(deps, caller, caseId, exportId, audit, async (tx, row) => {
    const section = itemsOf(row.document).get(itemId);
    // Any list section's item (today's four, and a section added later, such as notes).
    if (section === undefined) throw inzageErrors.itemNotFound(itemId);
    const entry: WithheldItem = { itemId, section, reason, by: caller.sub, at: deps.clock.now().toISOString() };
    return setWithheldItems(tx, row.id, [...row.withheld.filter((w) => w.itemId !== itemId), entry]);
  });
}

/** Puts a withheld item back into a draft. */
export function restoreItem(deps: CaseDeps, caller: Caller, caseId: string, exportId: string, itemId: string, audit: InzageAudit) {
  return changeDraft(deps, caller, caseId, exportId, audit, async (tx, row) => {
    if (!row.withheld.some((w) => w.itemId === itemId)) throw inzageErrors.itemNotWithheld(itemId);
    return setWithheldItems(tx, row.id, row.withheld.filter((w) => w.itemId !== itemId));
  });
}

/** A document's value in a comparable form: as stored (jsonb keeps no key order and no undefined). */
const stored = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/**
 * Whether a draft still stands against the document built now for the member:
 * every item the draft holds reads the same now, and so do the member and the
 * case (but for the phase). An item that reads otherwise or is gone means that
 * something in the draft may no longer be released as it is: a note withdrawn
 * or withheld afterwards, the member now on the other side (pleger or not), a
 * member sealed, the regisseur changed (review of issue 17, H3 and H4). What
 * happened after the draft was prepared (a new event, note or access) is not
 * in it and does not matter: the document tells the member what was recorded
 * up to `opgesteldOp`.
 */
export function draftStillStands(draft: Readonly<Record<string, unknown>>, now: Readonly<Record<string, unknown>>): boolean {
  const items = new Map<string, unknown>();
  for (const value of Object.values(now)) {
    if (!Array.isArray(value)) continue;
    for (const item of value) {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'string') items.set(id, stored(item));
    }
  }
  return Object.entries(draft).every(([key, value]) => {
    if (key === 'opgesteldOp') return true;
    if (Array.isArray(value)) {
      return value.every((item) => {
        const id = (item as { id?: unknown } | null)?.id;
        return typeof id !== 'string' || isDeepStrictEqual(stored(item), items.get(id));
      });
    }
    if (key === 'casus') {
      const { fase: _then, ...before } = value as Record<string, unknown>;
      const { fase: _now, ...after } = (now.casus ?? {}) as Record<string, unknown>;
      return isDeepStrictEqual(stored(before), stored(after));
    }
    return isDeepStrictEqual(stored(value), stored(now[key]));
  });
}

/**
 * Releases a draft: from now on it is downloaded as it is, and never changes.
 * Only a draft that still stands (draftStillStands): otherwise 409
 * `inzage.concept-verouderd`, and the reviewer prepares it again, reviewing
 * what the member may now be given. Refusing rather than rebuilding: a
 * rebuilt document would be released unreviewed.
 */
export function releaseExport(deps: CaseDeps, caller: Caller, caseId: string, exportId: string, audit: InzageAudit) {
  return changeDraft(deps, caller, caseId, exportId, audit, async (tx, row, read) => {
    // Built in the release's transaction: a note withdrawn before it commits is seen.
    const member = exportMember(read, row);
    if (!member) throw inzageErrors.draftOutdated();
    const now = await buildInzageDocument({ ...deps, db: tx }, read.row, member);
    if (!draftStillStands(row.document, now)) throw inzageErrors.draftOutdated();
    return releaseInzageExport(tx, row.id, caller.sub, deps.clock.now());
  });
}

/** A released export's document; a draft is not downloaded (409). */
export async function releasedExportDocument(deps: CaseDeps, caller: Caller, caseId: string, exportId: string) {
  const { read, row } = await readInzageExport(deps, caller, caseId, exportId);
  if (row.status !== 'vrijgegeven') throw inzageErrors.notReleased();
  return { read, row, document: releasedDocument(row) };
}

/** The member's latest released export's document (GET .../leden/{lidId}/inzage); none released yet: 409. */
export async function latestReleasedDocument(deps: CaseDeps, caller: Caller, caseId: string, memberId: string) {
  const read = await readCase(deps, caller, caseId);
  assertMayReview(caller, read.row, read.access, memberOf(read, memberId));
  const row = await latestReleasedInzageExport(deps.db, caseId, memberId);
  if (!row) throw inzageErrors.notReleased();
  return { read, row, document: releasedDocument(row) };
}
