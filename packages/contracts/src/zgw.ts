/** A case as a zaak in the shape of the ZGW Zaken API (read-only export). */
import { z } from 'zod';

export const zgwCase = z
  .object({
    identificatie: z.string(),
    bronorganisatie: z.string().meta({ description: 'Het RSIN van de gemeente van de casus (9 cijfers).' }),
    zaaktype: z.object({ identificatie: z.string(), omschrijving: z.string() }),
    omschrijving: z.string(),
    startdatum: z.string(),
    einddatum: z.string().nullable(),
    vertrouwelijkheidaanduiding: z.literal('zeer_geheim'),
    status: z.object({ statustype: z.object({ omschrijving: z.string() }), datumStatusGezet: z.string() }),
    statussen: z.array(z.object({ statustype: z.object({ omschrijving: z.string() }), datumStatusGezet: z.string() })),
    rollen: z.array(
      z.object({
        betrokkeneType: z.enum(['medewerker', 'natuurlijk_persoon']),
        roltype: z.object({ omschrijving: z.string() }),
        roltoelichting: z.string(),
        betrokkeneIdentificatie: z.record(z.string(), z.string().nullable()),
      }),
    ),
    resultaat: z.object({ resultaattype: z.object({ omschrijving: z.string() }), toelichting: z.string() }).nullable(),
  })
  .meta({ id: 'ZgwZaak' });
