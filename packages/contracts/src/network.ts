/** Public shapes of a case's network (betrokkenen): who is involved, with which role, side and legal ground. */
import { z } from 'zod';
import { INVOLVEMENT_KINDS, INVOLVEMENT_SIDES, NOTES_GRANT, PHASES } from '@veilig-samen/domain';
import { agreementResponse } from './cases.js';
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
export const involvementRequest = z.discriminatedUnion('soort', [
  z.object({ soort: z.literal('professional'), id: text(200), organisatie: text(200), rol: text(200), grondslag: text(500), zijde: side, inzage: grants }),
  z.object({
    soort: z.literal('organisatie'),
    organisatie: text(200),
    oin: oin.meta({ description: 'Het OIN van de organisatie: haar medewerkers worden alleen hierop herkend (het OIN in hun token), nooit op de naam. Een organisatie krijgt de ketenpartnerweergave, nooit de rechten van een lokaal team.' }),
    rol: text(200),
    grondslag: text(500),
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
    grondslag: z.string().meta({ description: 'De wettelijke grondslag voor het delen van gegevens met deze betrokkene.' }),
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
      .array(z.object({ id: z.string(), naam: z.string(), relatie: z.string(), betrokkenheid: z.array(z.string()) }))
      .nullable()
      .meta({ description: 'Alleen als de regisseur dit heeft toegestaan (inzage: leden); nooit adres of contactgegevens.' }),
    verklarendeAnalyse: z
      .object({ toelichting: z.string(), problemen: z.array(z.string()) })
      .nullable()
      .meta({ description: 'Alleen als de regisseur dit heeft toegestaan (inzage: verklarende-analyse).' }),
  })
  .meta({ id: 'KetenpartnerOverzicht' });
