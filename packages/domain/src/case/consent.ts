/**
 * Consent to share a member's data with a partner of the network (issue 17
 * point 6). The regisseur records, per member and per partner, whether the
 * member consented (`ja`), refused (`nee`) or withdrew consent
 * (`ingetrokken`), with dates. A refusal or withdrawal stops the sharing of
 * that member's data with that partner on the partner's next request, unless
 * another ground is recorded for that member with that partner (the meldcode,
 * a legal task, a vital interest). It never cuts the partner off from the
 * other members: a perpetrator withdrawing consent does not take the victim's
 * shelter away.
 *
 * Consent is kept per partner identity (a professional's sub, an
 * organisation's OIN: how the service recognises a partner, never by name),
 * so removing a network entry and adding it again does not lift a withdrawal.
 */
import type { CaseEvent } from './events.js';
import type { LegalGround, LegalGroundKind, Member, PartnerKey, SharingConsent } from './types.js';

export function samePartner(a: PartnerKey, b: PartnerKey): boolean {
  return a.soort === 'professional' ? b.soort === 'professional' && a.id === b.id : b.soort === 'organisatie' && a.oin === b.oin;
}

/** The member's latest consent record for this partner, if any. */
export function consentWith(member: Member, partner: PartnerKey): SharingConsent | undefined {
  return (member.toestemmingen ?? []).find((c) => samePartner(c.partner, partner));
}

/** Whether a record stops the sharing: refused or withdrawn, and no other ground recorded for this member with this partner. */
export function stopsSharing(consent: SharingConsent): boolean {
  return consent.status !== 'ja' && consent.andereGrondslag === null;
}

/** Who reads, as the network recognises them: the token's sub, and the OIN of the organisation they act for. */
export interface PartnerReader {
  readonly sub: string;
  readonly oin?: string | undefined;
}

/**
 * A partner identity as one text (`professional:<sub>`, `organisatie:<OIN>`):
 * how a refusal is stored beside the search rows (case_search.withheld_from)
 * and matched against a caller there, with the same keys as here.
 */
export function partnerKeyText(partner: PartnerKey): string {
  return partner.soort === 'professional' ? `professional:${partner.id}` : `organisatie:${partner.oin}`;
}

/** The identities a reader is recognised by in consent records: the professional personally, and the organisation they act for. */
export function readerKeyTexts(reader: PartnerReader): string[] {
  return [partnerKeyText({ soort: 'professional', id: reader.sub }), ...(reader.oin !== undefined ? [partnerKeyText({ soort: 'organisatie', oin: reader.oin })] : [])];
}

/** The partners this member's data is not shared with: each record that stops the sharing, as partnerKeyText. */
export function withholdingKeyTexts(member: Member): string[] {
  return (member.toestemmingen ?? []).filter(stopsSharing).map((c) => partnerKeyText(c.partner));
}

/**
 * The members whose data may not be shared with this reader: any record
 * about the reader (personally or their organisation) that stops the
 * sharing withholds that member. The stricter reading on purpose: a
 * professional who is in the network both personally and through their
 * organisation loses the member's data when either was refused. The search
 * applies the same keys in SQL (packages/db/src/repositories/cases.ts).
 */
export function withheldMembers(members: readonly Member[], reader: PartnerReader): Set<string> {
  const keys = new Set(readerKeyTexts(reader));
  return new Set(members.filter((m) => withholdingKeyTexts(m).some((key) => keys.has(key))).map((m) => m.id));
}

/** The member's consents after a `toestemming.vastgelegd` event: the record for that partner replaced, the date consent was last given kept. */
export function consentsAfter(member: Member, event: Extract<CaseEvent, { type: 'toestemming.vastgelegd' }>): SharingConsent[] {
  const previous = consentWith(member, event.partner);
  const record: SharingConsent = {
    betrokkeneId: event.betrokkeneId,
    partner: event.partner,
    organisatie: event.organisatie,
    status: event.status,
    sinds: event.sinds,
    gegevenOp: event.status === 'ja' ? event.sinds : (previous?.gegevenOp ?? null),
    toelichting: event.toelichting,
    andereGrondslag: event.andereGrondslag,
    vastgelegdOp: event.op,
    vastgelegdDoor: event.door.sub,
  };
  return [...(member.toestemmingen ?? []).filter((c) => !samePartner(c.partner, event.partner)), record];
}

/**
 * The legal ground a free text names, for network entries recorded before
 * the ground was a choice (migration 0026 does the same in SQL): the text
 * becomes the reference, and the kind is read from it: `toestemming`,
 * `meldcode` or `vitaal belang` where the text says so, otherwise a legal
 * task (`wettelijke-taak`: what the free texts held in practice, a statute
 * such as the Wmo 2015, the Jeugdwet or the Wpg).
 */
export function legalGroundFromText(text: string): LegalGround {
  const lower = text.toLowerCase();
  const soort: LegalGroundKind = lower.includes('toestemming') ? 'toestemming' : lower.includes('meldcode') ? 'meldcode' : /vita(al|le)/.test(lower) ? 'vitaal-belang' : 'wettelijke-taak';
  return { soort, referentie: text };
}
