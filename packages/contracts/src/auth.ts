import { z } from 'zod';
import { ROLES } from '@veilig-samen/domain';
import { oin, text } from './common.js';

/**
 * The claims a token must carry besides the registered ones (iss, aud, exp,
 * which the verifier checks). A token whose claims do not parse is refused
 * as a whole: no half-known caller ever reaches a route.
 */
export const tokenClaims = z.object({
  sub: text(200),
  rol: z.enum(ROLES),
  organisatie: text(200),
  /** Each one of the region's municipalities: the service refuses a token naming another (403 auth.gemeente-onbekend). */
  gemeenten: z.array(text(100)).max(100).default([]),
  /**
   * The organisation's OIN (organisatie-identificatienummer, 20 digits), as
   * the identity provider asserts it. Organisations are matched on this,
   * never on the free-text `organisatie` name (security finding 5).
   */
  oin: oin.optional(),
  /** The display name (OpenID Connect `name`), when the identity provider gives one: shown in the directory of professionals; one that is not plain text is ignored, never a reason to refuse the token. */
  name: text(200).optional().catch(undefined),
  /**
   * The teams the person belongs to, as the identity provider asserts them
   * (issue 16): a case manager whose teams include a municipality's intake
   * team (GEMEENTEN `intaketeam`) works that municipality's intake.
   */
  teams: z.array(text(100)).max(50).optional(),
});
export type TokenClaims = z.infer<typeof tokenClaims>;

export const whoAmIResponse = z
  .object({
    sub: z.string(),
    rol: z.enum(ROLES),
    organisatie: z.string(),
    gemeenten: z.array(z.string()),
    oin: z.string().nullable().meta({ description: 'Het OIN van uw organisatie, als het token dat noemt; organisaties in een netwerk worden alleen hierop herkend.' }),
    teams: z.array(z.string()).meta({ description: 'De teams die het token noemt (claim `teams`).' }),
    intakeGemeenten: z
      .array(z.string())
      .meta({ description: 'De gemeenten waarvan u de intake doet: u bent casusregisseur (lokaal-team) van de gemeente en uw teams noemen haar intaketeam (GET /v1/intake).' }),
  })
  .meta({ id: 'Ik', description: 'De aanroeper zoals het token die bewijst.' });
