/**
 * Sealed details (afscherming): a member's address and contact details, once
 * sealed, are shown only to the regisseur and to professionals explicitly
 * granted; never to anyone involved on the perpetrator's side, whatever the
 * grant; never in webhooks or exports to partners (they carry no member data).
 *
 * Who may change them (security finding 1; a victim's new address is the
 * detail that, leaked, puts a person in danger):
 * - anyone involved who is not on the perpetrator's side may seal;
 * - only the regisseur may unseal, change who is granted (`inzageAfgeschermd`),
 *   or change a sealed member's address or contact details;
 * - nobody on the perpetrator's side changes anything of a sealed member, nor
 *   seals, nor grants.
 * The rule looks at which fields a change names, not at whether their values
 * differ: comparing values would tell a caller who may not see the sealed
 * address whether their guess of it was right.
 */
import { actsAsRegisseurOf, type Actor, type StoredCaseEvent } from './events.js';
import type { CaseContext, Member } from './types.js';

export interface Viewer {
  readonly sub: string;
  /**
   * A case manager of the local team: only they can be the regisseur or be
   * granted sealed details. A grant names a person's sub; the same person
   * acting in another role (beheerder, coordinator, partner) is not granted.
   */
  readonly caseManager: boolean;
  readonly isRegisseur: boolean;
  /** Involved in the case on the perpetrator's side (the network entry's `zijde`). */
  readonly perpetratorSide: boolean;
  /**
   * Members whose data may not be shared with this viewer: they refused or
   * withdrew consent to share with them, without another ground (consent.ts,
   * issue 17 point 6). Absent: none.
   */
  readonly withheld?: ReadonlySet<string>;
  /**
   * The viewer is this member of the household, reading their own inzage
   * (AVG art. 15): their own sealed details and contact records are theirs;
   * everyone else's are judged by the other fields, as for a professional on
   * the member's side who is no case manager. Absent: a professional.
   */
  readonly member?: string;
}

/** The fields that sealing hides. */
export const SEALED_FIELDS = ['adres', 'contact', 'inzageAfgeschermd'] as const satisfies readonly (keyof Member)[];

export function maySeeSealed(member: Member, viewer: Viewer): boolean {
  if (!member.afgeschermd || viewer.member === member.id) return true;
  if (viewer.perpetratorSide || !viewer.caseManager) return false;
  return viewer.isRegisseur || (member.inzageAfgeschermd ?? []).includes(viewer.sub);
}

/**
 * Whether the viewer sees what the regisseur recorded about reaching and
 * informing the member (issue 17 point 6): "no post to the home address" or
 * "not informed for safety reasons" points to someone hiding from someone, so
 * never on the perpetrator's side, and for a sealed member only where the
 * sealed details are seen.
 */
export function maySeeContactRecords(member: Member, viewer: Viewer): boolean {
  return viewer.member === member.id || (!viewer.perpetratorSide && maySeeSealed(member, viewer));
}

/** The member as this viewer may see them. */
export function memberFor(member: Member, viewer: Viewer): Member {
  const shown = maySeeSealed(member, viewer) ? member : { ...member, adres: null, contact: null, inzageAfgeschermd: [] };
  return maySeeContactRecords(member, viewer) ? shown : { ...shown, veiligContact: null, geinformeerd: null, toestemmingen: [] };
}

/** The household as this viewer may see it: without the members whose data is not shared with them (consent.ts), each as memberFor shows them. */
export function membersFor(members: readonly Member[], viewer: Viewer): Member[] {
  return members.filter((member) => !viewer.withheld?.has(member.id)).map((member) => memberFor(member, viewer));
}

/** The actor of a change to a member, as the sealing rule sees them. */
export function sealingActor(context: CaseContext, actor: Actor): Omit<Viewer, 'sub'> {
  return {
    caseManager: actor.rol === 'lokaal-team',
    isRegisseur: actor.rol === 'lokaal-team' && actsAsRegisseurOf(actor, context.regisseur.id),
    perpetratorSide: actor.plegerzijde === true,
  };
}

export type SealingRefusal = 'plegerzijde' | 'alleen-regisseur';

/**
 * Why this change to a member may not be made by this actor, or undefined
 * when it may. `before` is the member as stored (undefined for a new member);
 * `change` the fields the change names (a new member: all of its fields).
 */
export function sealingRefusal(
  before: Member | undefined,
  change: Partial<Omit<Member, 'id'>>,
  actor: Omit<Viewer, 'sub'>,
): SealingRefusal | undefined {
  const sealed = before?.afgeschermd === true;
  const seals = change.afgeschermd === true;
  const unseals = sealed && change.afgeschermd === false;
  // A new member without grants names no grant; any change that names the list changes it.
  const grants = change.inzageAfgeschermd !== undefined && (before !== undefined || change.inzageAfgeschermd.length > 0);
  const sealedDetails = sealed && (change.adres !== undefined || change.contact !== undefined);
  if (actor.perpetratorSide) return sealed || seals || grants ? 'plegerzijde' : undefined;
  if (actor.isRegisseur) return undefined;
  return unseals || grants || sealedDetails ? 'alleen-regisseur' : undefined;
}

/**
 * The members whose sealed fields this viewer may not see anywhere in the
 * case's history: every member who is sealed now or ever was (a value
 * entered while sealed stays sealed in the timeline after an unsealing),
 * judged with the member's current grants.
 */
export function sealedFrom(events: readonly StoredCaseEvent[], context: CaseContext, viewer: Viewer): Set<string> {
  const everSealed = new Set(context.leden.filter((m) => m.afgeschermd).map((m) => m.id));
  for (const event of events) {
    if (event.type === 'casus.geopend') for (const m of event.leden) if (m.afgeschermd) everSealed.add(m.id);
    if (event.type === 'lid.toegevoegd' && event.lid.afgeschermd) everSealed.add(event.lid.id);
    if (event.type === 'lid.gecorrigeerd' && event.wijzigingen.afgeschermd) everSealed.add(event.lidId);
  }
  const hidden = new Set<string>();
  for (const id of everSealed) {
    const member = context.leden.find((m) => m.id === id);
    if (!member || !maySeeSealed({ ...member, afgeschermd: true }, viewer)) hidden.add(id);
  }
  return hidden;
}

/** A member (or a change to one) without the fields sealing hides. */
export function withoutSealedFields<T extends object>(value: T): Omit<T, (typeof SEALED_FIELDS)[number]> {
  const { adres: _a, contact: _c, inzageAfgeschermd: _i, ...rest } = value as T & Record<(typeof SEALED_FIELDS)[number], unknown>;
  return rest;
}

/**
 * The victim's side stays unknown to the perpetrator's side (finding 12): an
 * organisation there (a women's shelter, say) can point to where the victim
 * is. Answers to a caller on the perpetrator's side show who acted, who owns
 * an agreement, whose perspective a score holds and who looked only for the
 * caller themselves and the regisseur; every other person or organisation
 * reads as this word.
 *
 * Unconditionally, by field: hiding only the names of the victim's side
 * would tell the caller which of the names they write into the case (an
 * agreement's owner, say) belong to it. Free text is never rewritten, for
 * the same reason; it is the writer's to keep free of such names, and the
 * system's own sentences (timeline.ts describeEvent) name nobody.
 */
export const HIDDEN_NAME = 'afgeschermd';

/**
 * Fields that name a person or organisation wherever they occur (`voorgesteldDoor`: who proposed an analysis, a
 * shelter say, or a handover; review of issue 17, H2; `deelnemers`: who sat at an MDA++ table, issue 18).
 */
const IDENTITY_FIELDS = new Set(['vastgesteldDoor', 'gescoordDoor', 'vastgelegdDoor', 'voorgesteldDoor', 'toegevoegdDoor', 'medewerker', 'organisatie', 'oin', 'deelnemers']);
/**
 * Objects that stand for a party (an agreement's owner, an event's actor, a perspective, a regisseur: of a linked
 * case, or proposed for a handover; who referred a case for MDA++, issue 18): their id, name, person and OIN too.
 * The case's own regisseur is always shown.
 */
const PARTY_OBJECTS = new Set(['eigenaar', 'door', 'van', 'regisseur', 'voorgesteldAan', 'aangemeldDoor']);
const PARTY_FIELDS = new Set(['id', 'naam', 'organisatie', 'oin', 'persoon']);

export function withoutIdentities<T>(value: T, shown: ReadonlySet<string>): T {
  const hide = (text: string) => (shown.has(text) ? text : HIDDEN_NAME);
  const walk = (node: unknown, key: string | undefined, inParty: boolean): unknown => {
    if (typeof node === 'string') return key !== undefined && (IDENTITY_FIELDS.has(key) || (inParty && PARTY_FIELDS.has(key))) ? hide(node) : node;
    if (Array.isArray(node)) return node.map((item) => walk(item, key, inParty));
    if (node && typeof node === 'object' && !(node instanceof Date)) {
      // A member of the household as a party (an owner or perspective `{ soort: 'lid', lidId }`) stays as it is.
      const party = key !== undefined && PARTY_OBJECTS.has(key) && (node as { soort?: unknown }).soort !== 'lid';
      return Object.fromEntries(Object.entries(node).map(([k, item]) => [k, walk(item, k, party)]));
    }
    return node;
  };
  return walk(value, undefined, false) as T;
}
