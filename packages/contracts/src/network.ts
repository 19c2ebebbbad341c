/** Public shapes of a case's network (betrokkenen): who is involved, with which role, side and legal ground. */
import { z } from 'zod';
import { INVOLVEMENT_KINDS, INVOLVEMENT_SIDES, legalGroundFromText, NOTES_GRANT, PHASES } from '@veilig-samen/domain';
import { agreementResponse, legalGroundInput, legalGroundResponse, memberResponse, networkPerspectiveResponse } from './cases.js';
import { oin, text } from './common.js';
import { pageQuery } from './paging.js';

const side = z.enum(INVOLVEMENT_SIDES).default('neutraal').meta({
  description: 'Aan wiens kant de betrokkene werkt; wie aan de kant van de pleger staat, ziet nooit afgeschermde gegevens.',
});
const grants = z
  .array(z.enum(['leden', 'verklarende-analyse', NOTES_GRANT]))
  .max(3)
  .default([])
  .meta({
    description:
      'Voor ketenpartners: wat zij naast hun eigen afspraken mogen zien (leden zonder afgeschermde gegevens, de verklarende analyse). ' +
      '`notities`: notities lezen met zichtbaarheid netwerk en zelf notities vastleggen (voor professionals en organisaties in het netwerk).',
  });
/**
 * The legal ground for sharing with the entry (issue 17 point 6): a choice
 * with a free reference. A free text alone is still accepted from clients
 * written before, read as migration 0026 read the stored ones.
 */
const legalGround = z
  .union([
    legalGroundInput,
    text(500).meta({
      deprecated: true,
      description: 'Verouderd: alleen een vrije tekst. Die wordt de referentie; de soort wordt eruit gelezen (toestemming, meldcode of vitaal belang als de tekst dat noemt, anders wettelijke-taak). Geef liever { soort, referentie }.',
    }),
  ])
  .transform((value) => (typeof value === 'string' ? legalGroundFromText(value) : { soort: value.soort, referentie: value.referentie ?? null }))
  .meta({ description: 'De grondslag om gegevens met deze betrokkene te delen: een keuze (toestemming, wettelijke-taak, meldcode, vitaal-belang) met een vrije referentie.' });

export const involvementRequest = z.discriminatedUnion('soort', [
  z.object({ soort: z.literal('professional'), id: text(200), organisatie: text(200), rol: text(200), grondslag: legalGround, zijde: side, inzage: grants }),
  z.object({
    soort: z.literal('organisatie'),
    organisatie: text(200),
    oin: oin.meta({ description: 'Het OIN van de organisatie: haar medewerkers worden alleen hierop herkend (het OIN in hun token), nooit op de naam. Een organisatie krijgt de ketenpartnerweergave, nooit de rechten van een lokaal team.' }),
    rol: text(200),
    grondslag: legalGround,
    zijde: side,
    inzage: grants,
  }),
]);
export const involvementResponse = z
  .object({
    id: z.string(),
    soort: z.enum(INVOLVEMENT_KINDS),
    professional: z.string().nullable(),
    organisatie: z.string(),
    oin: z.string().nullable(),
    rol: z.string(),
    grondslag: legalGroundResponse.meta({ description: 'De grondslag voor het delen van gegevens met deze betrokkene: de soort en een vrije referentie.' }),
    zijde: z.enum(INVOLVEMENT_SIDES),
    inzage: z.array(z.string()),
    toegevoegdOp: z.string(),
    toegevoegdDoor: z.string(),
  })
  .meta({ id: 'Betrokkene' });

export const involvementListResponse = z.object({ betrokkenen: z.array(involvementResponse) });
export const involvementListQuery = pageQuery(100);
export const involvementCaseParams = z.object({ id: z.uuid() });
export const involvementParams = z.object({ id: z.uuid(), betrokkeneId: z.uuid() });

/** What a network partner sees of a case (GET /v1/casussen/{id}/mijn-afspraken). */
export const partnerOverviewResponse = z
  .object({
    casusId: z.string(),
    gemeente: z.string(),
    fase: z.enum(PHASES),
    veiligheidsplanVersie: z.number().int().nullable(),
    afspraken: z.array(agreementResponse),
    leden: z
      .array(z.object({ id: z.string(), naam: z.string(), relatie: z.string(), betrokkenheid: z.array(z.string()), veiligContact: memberResponse.shape.veiligContact }))
      .nullable()
      .meta({
        description:
          'Alleen als de regisseur dit heeft toegestaan (inzage: leden); nooit adres of contactgegevens. Zonder de leden die toestemming om met u te delen weigerden of introkken (tenzij er een andere grondslag is). ' +
          'Met de voorkeur voor veilig contact, waar u zich aan houdt (niet aan de kant van de pleger).',
      }),
    verklarendeAnalyse: z
      .object({ toelichting: z.string(), problemen: z.array(z.string()) })
      .nullable()
      .meta({ description: 'Alleen als de regisseur dit heeft toegestaan (inzage: verklarende-analyse).' }),
    perspectief: networkPerspectiveResponse.nullable().meta({ description: 'Uw laatste eigen perspectief op de veiligheid (POST .../perspectieven), of null.' }),
  })
  .meta({ id: 'KetenpartnerOverzicht' });
