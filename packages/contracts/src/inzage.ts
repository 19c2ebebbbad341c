/** The public shape of a member's inzage (AVG art. 15): everything recorded about one member. */
import { z } from 'zod';
import { inzageNote } from './notes.js';

export const inzageResponse = z
  .object({
    opgesteldOp: z.string(),
    lid: z.object({ id: z.string(), naam: z.string(), geboortedatum: z.string().nullable(), relatie: z.string(), betrokkenheid: z.array(z.string()) }),
    casus: z.object({ id: z.string(), gemeente: z.string(), fase: z.string(), regisseur: z.object({ id: z.string(), organisatie: z.string() }), geopendOp: z.string() }),
    afspraken: z.array(z.object({ omschrijving: z.string(), deadline: z.string(), status: z.string(), versie: z.number().int() })),
    veiligheidsscores: z.array(z.object({ op: z.string(), gezamenlijkeScore: z.number().int(), eigenScore: z.number().int().nullable() })),
    tijdlijn: z.array(z.object({ op: z.string(), omschrijving: z.string() })),
    inzagen: z.array(z.object({ op: z.string(), medewerker: z.string(), organisatie: z.string(), actie: z.string(), doel: z.string() })),
    notities: z
      .array(inzageNote)
      .meta({ description: 'Notities over dit lid die de opsteller mag lezen en die niet zijn ingetrokken; een notitie die om veiligheidsredenen wordt achtergehouden staat er zonder tekst, met de reden.' }),
  })
  .meta({ id: 'Inzage' });
export type Inzage = z.infer<typeof inzageResponse>;
export const inzageParams = z.object({ id: z.uuid(), lidId: z.uuid() });
