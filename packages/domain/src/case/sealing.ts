/**
 * Sealed details (afscherming): a member's address and contact details, once
 * sealed, are shown only to the regisseur and to professionals explicitly
 * granted; never to anyone involved on the perpetrator's side, whatever the
 * grant; never in webhooks or exports to partners (they carry no member data).
 */
import type { Member } from './types.js';

export interface Viewer {
  readonly sub: string;
  readonly isRegisseur: boolean;
  /** Involved in the case on the perpetrator's side (the network entry's `zijde`). */
  readonly perpetratorSide: boolean;
}

export function maySeeSealed(member: Member, viewer: Viewer): boolean {
  if (!member.afgeschermd) return true;
  if (viewer.perpetratorSide) return false;
  return viewer.isRegisseur || (member.inzageAfgeschermd ?? []).includes(viewer.sub);
}

/** The member as this viewer may see them. */
export function memberFor(member: Member, viewer: Viewer): Member {
  if (maySeeSealed(member, viewer)) return member;
  return { ...member, adres: null, contact: null, inzageAfgeschermd: [] };
}
