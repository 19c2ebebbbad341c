/**
 * A case as a zaak of the ZGW Zaken API 1.5.1 (VNG): the `Zaak`, its
 * `Status`sen and its `Rol`len as a client sends them to a
 * zaakregistratiecomponent such as Open Zaak (read-only export). Properties
 * the ZRC sets itself (`url`, `uuid`, `einddatum`, ...) are not sent; the
 * types are URLs into the region's Catalogi API; the zaak's URL is where it
 * lives in the region's Zaken API.
 */
import { z } from 'zod';

const reference = (description: string) => z.string().meta({ description });

export const zgwZaak = z
  .object({
    identificatie: z.string().meta({ description: 'De id van de casus.' }),
    bronorganisatie: z.string().meta({ description: 'Het RSIN van de gemeente van de casus (9 cijfers, elfproef), uit de configuratie (GEMEENTEN).' }),
    verantwoordelijkeOrganisatie: z
      .string()
      .meta({ description: 'Het RSIN van de organisatie die eindverantwoordelijk is: de gemeente, of de organisatie die GEMEENTEN bij de gemeente noemt (`verantwoordelijkeOrganisatie`).' }),
    zaaktype: reference('Het zaaktype in de Catalogi API van de regio: dat van lokale regie, of dat van het MDA++-traject zolang de casus daarin zit (ZGW_ZAAKTYPEN).'),
    omschrijving: z.string(),
    registratiedatum: z.string().meta({ description: 'De dag waarop de casus werd geopend.' }),
    startdatum: z.string().meta({ description: 'Het begin van het eerste veiligheidsvenster.' }),
    vertrouwelijkheidaanduiding: z.literal('zeer_geheim'),
    archiefnominatie: z.literal('vernietigen').meta({ description: 'De dienst bewaart een afgesloten casus RETENTION_YEARS jaar en vernietigt hem dan.' }),
    archiefactiedatum: z.string().nullable().meta({ description: 'De afsluitdatum plus RETENTION_YEARS; null zolang de casus open is.' }),
  })
  .meta({ id: 'ZgwZaak' });

export const zgwStatus = z
  .object({
    zaak: reference('De URL van de zaak in de Zaken API van de regio (ZGW_ZAKEN_API_URL/zaken/{id}).'),
    statustype: reference('Het statustype van de fase, binnen het zaaktype van de zaak.'),
    datumStatusGezet: z.string(),
    statustoelichting: z.string(),
  })
  .meta({ id: 'ZgwStatus' });

export const zgwRol = z
  .object({
    zaak: reference('De URL van de zaak in de Zaken API van de regio.'),
    betrokkeneType: z.enum(['medewerker', 'natuurlijk_persoon']),
    roltype: reference('Het roltype (regisseur of lid van het huishouden), binnen het zaaktype van de zaak.'),
    roltoelichting: z.string().meta({ description: 'Regisseur, of lid van het huishouden met de relatie; nooit slachtoffer of pleger.' }),
    betrokkeneIdentificatie: z
      .record(z.string(), z.string())
      .meta({
        description:
          'Medewerker: `identificatie` (de sub, als die in 24 tekens past). Natuurlijk persoon: `voornamen`, `voorvoegselGeslachtsnaam`, `geslachtsnaam` (een niet te splitsen naam geheel), `geboortedatum` waar bekend; nooit een BSN of adres.',
      }),
  })
  .meta({ id: 'ZgwRol' });

export const zgwCase = z
  .object({
    zaak: zgwZaak,
    statussen: z.array(zgwStatus).meta({ description: 'Een status per fase, oudste eerst; de laatste is de huidige (bij een afgesloten casus: afgesloten, de eindstatus).' }),
    rollen: z.array(zgwRol),
  })
  .meta({ id: 'ZgwExport' });
