/**
 * The roles a caller can have. They come from the JWT's `rol` claim; each
 * route states which roles may call it (see services/api/src/plugins/auth.ts).
 * `regiobeheerder` is the region's functional administration: the only role
 * that sets the region's escalation policy (a municipality's `beheerder` may not).
 * `privacy` is a municipality's privacy officer (issue 17 point 10): prepares,
 * reviews and releases a member's inzage export (AVG art. 15), nothing else.
 */
export const ROLES = [
  'lokaal-team',
  'mda-coordinator',
  'integratie',
  'ketenpartner',
  'beleid',
  'auditor',
  'beheerder',
  'regiobeheerder',
  'privacy',
] as const;

export type Role = (typeof ROLES)[number];

/** Who is making a request, as proven by a verified token. */
export interface Caller {
  /** Stable identifier of the person or system (JWT `sub`). */
  readonly sub: string;
  readonly role: Role;
  /** The organisation's name, for display and the access log only: never matched on. */
  readonly organisation: string;
  /** The organisation's OIN from the token: the only way an organisation is recognised (network, agreements, followed cases). */
  readonly oin?: string;
  /** Municipalities the caller works for; region-wide roles may have none. */
  readonly municipalities: readonly string[];
  /** The display name (JWT `name`), when the token carries one: for the directory of professionals only. */
  readonly name?: string;
  /** The teams the token names (claim `teams`). */
  readonly teams?: readonly string[];
  /**
   * The municipalities whose intake this caller works (issue 16): a
   * lokaal-team caller working for the municipality whose `teams` include its
   * intake team (GEMEENTEN `intaketeam`). Derived when the token is verified.
   */
  readonly intakeMunicipalities?: readonly string[];
}
