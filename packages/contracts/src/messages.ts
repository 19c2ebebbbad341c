/**
 * Inbound messages from Veilig Thuis and Zorg- en Veiligheidshuis systems
 * (POST /v1/berichten), one zod schema per type, and the receipt.
 */
import { INCIDENT_KINDS, INVOLVEMENTS, NOTIFICATION_TYPES, RELATIONS, VIOLENCE_FORMS } from '@veilig-samen/domain';
import { z } from 'zod';
import { checkName, nameFields, professional } from './cases.js';
import { calendarDate, instant, municipalityName, passesElevenTest, text } from './common.js';


/** A Dutch citizen service number: 9 digits passing the eleven test. */
export const bsn = z
  .string()
  .regex(/^\d{9}$/, 'een BSN heeft 9 cijfers')
  .refine(passesElevenTest, 'dit is geen geldig BSN (elfproef)')
  .meta({ description: 'Burgerservicenummer; wordt alleen als versleutelde sleutel (HMAC) bewaard, nooit leesbaar.' });

/**
 * What a message may tell about a person besides how to recognise them: used
 * when the household has no case yet and the intake opens one (issue 16).
 */
const personDetails = {
  relatie: z.enum(RELATIONS).optional(),
  betrokkenheid: z.array(z.enum(INVOLVEMENTS)).max(3).optional(),
};

/**
 * How a message points at a person of a household: a BSN (with a name if
 * known), or a name and date of birth. A name comes in parts (voornamen,
 * voorvoegsel, geslachtsnaam) or, as many source systems keep it, as one
 * `naam`: systems may keep sending that; the service splits it where that is
 * unambiguous and keeps it whole as geslachtsnaam otherwise (docs/domain.md).
 */
export const personReference = z
  .object({ bsn: bsn.optional(), ...nameFields, geboortedatum: calendarDate.optional(), ...personDetails })
  .superRefine((value, ctx) => {
    checkName(value, ctx, false);
    if (value.bsn !== undefined) return;
    // Without a BSN a person is recognised by name and birth date only.
    if (value.naam === undefined && value.geslachtsnaam === undefined) ctx.addIssue({ code: 'custom', path: ['geslachtsnaam'], message: 'verplicht zonder BSN: de naam (geslachtsnaam, of naam) met de geboortedatum' });
    if (value.geboortedatum === undefined) ctx.addIssue({ code: 'custom', path: ['geboortedatum'], message: 'verplicht zonder BSN: de geboortedatum' });
  })
  .meta({ description: 'Een persoon: met BSN (en naam als die bekend is), of met naam en geboortedatum.' });

const handoverMember = z
  .object({
    ...nameFields,
    geboortedatum: calendarDate.optional(),
    bsn: bsn.optional(),
    relatie: z.enum(RELATIONS),
    betrokkenheid: z.array(z.enum(INVOLVEMENTS)).max(3),
    woontElders: z.boolean().optional().meta({ description: 'Hoort bij het huishouden maar woont elders.' }),
  })
  .superRefine((value, ctx) => checkName(value, ctx, true));

export const handoverMessage = z.object({
  type: z.literal('overdracht'),
  gemeente: municipalityName(),
  bron: z.enum(['veilig-thuis', 'zorg-en-veiligheidshuis']),
  leden: z.array(handoverMember).min(1).max(30),
  veiligheidsinschatting: z.object({ score: z.number().int().min(0).max(10).optional(), toelichting: text(5000) }),
  startdatum: calendarDate.optional(),
  regisseur: professional.meta({ description: 'De professional van het lokale team die de regie neemt.' }),
});

export const incidentMessage = z.object({
  type: z.literal('incident'),
  gemeente: municipalityName(),
  personen: z.array(personReference).min(1).max(30),
  tijdstip: instant,
  soort: z.enum(INCIDENT_KINDS),
  vorm: z.enum(VIOLENCE_FORMS).optional().meta({
    description:
      'De vorm van geweld (partnergeweld, kindermishandeling, ouderenmishandeling, eergerelateerd, intieme-terreur, complexe-scheiding, overig). ' +
      'Een systeem dat haar niet meestuurt: niet vastgelegd (null in de casus, nietVastgelegd in de rapportage); de dienst raadt haar niet. ' +
      'Een incidentbericht komt van de politie: de scholen van de kinderen van het huishouden krijgen een Handle with Care-signaal.',
  }),
  omschrijving: text(2000),
});

export const restrainingOrderMessage = z.object({
  type: z.literal('huisverbod'),
  gemeente: municipalityName(),
  personen: z.array(personReference).min(1).max(30),
  actie: z.enum(['opgelegd', 'verlengd']),
  startdatum: instant,
  einddatum: instant.meta({ description: 'Opgelegd: 10 dagen na de start. Verlengd: hoogstens 4 weken na de start.' }),
});

export const feedbackRequestMessage = z.object({
  type: z.literal('terugmelding-gevraagd'),
  casusId: z.uuid(),
});

export const referralMessage = z
  .object({
    type: z.literal('mda-aanmelding'),
    casusId: z.uuid(),
    reden: text(2000).meta({ description: 'Waarom de organisatie de casus aanmeldt voor MDA++.' }),
  })
  .meta({
    description:
      'Een systeem van Veilig Thuis of het Zorg- en Veiligheidshuis meldt een casus die het volgt aan voor MDA++ (zoals POST /v1/casussen/{id}/mda-aanmeldingen): ' +
      'een opschaling met reden aanmelding-partner in de wachtrij van de coördinator, de regisseur krijgt een signaal. Al opgeschaald of in het MDA++-traject: afgewezen (casus.al-opgeschaald).',
  });

export const inboundMessage = z
  .discriminatedUnion('type', [handoverMessage, incidentMessage, restrainingOrderMessage, feedbackRequestMessage, referralMessage])
  .meta({ id: 'Bericht' });
export type InboundMessage = z.infer<typeof inboundMessage>;

export const messageHeaders = z.object({
  'idempotency-key': z.string().optional().meta({ description: 'Verplicht; uniek per bericht (bijvoorbeeld een UUID), 1-255 tekens. Herhaal dezelfde sleutel bij een nieuwe poging.' }),
});

export const receiptResponse = z
  .object({
    id: z.string(),
    type: z.string(),
    status: z.enum(['geaccepteerd', 'samengevoegd', 'afgewezen']),
    casusId: z.string().nullable(),
    gekoppeldAanCasus: z
      .string()
      .nullable()
      .meta({
        description:
          'De casus waaraan de nieuwe casus is gekoppeld: een langer dan 12 maanden geleden afgesloten casus van hetzelfde huishouden (herhaling), of de casus van een ander huishouden dat één lid deelt. Alle koppelingen staan in `gekoppeldeCasussen` van de casus.',
      }),
    intakeId: z
      .string()
      .nullable()
      .meta({ description: 'Het huishouden heeft geen casus: het bericht wacht in de intake van de gemeente (GET /v1/intake) tot iemand van het intaketeam het oppakt.' }),
    herhaling: z.boolean(),
    redenen: z.array(z.object({ name: z.string(), code: z.string(), reason: z.string() })),
    ontvangenOp: z.string(),
  })
  .meta({ id: 'Ontvangstbevestiging' });

/** How a subscription's messages are shaped (issue 18 point 7). */
export const SUBSCRIPTION_FORMATS = ['standard-webhooks', 'zgw-notificaties'] as const;

export const subscriptionRequest = z.object({
  organisatie: text(200),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .meta({
      description:
        'https-URL van de ontvanger, met een publieke host. Interne adressen (loopback, privénetwerk, link-local, CGNAT, unique-local, multicast, IPv4-mapped) en interne namen (zonder punt, localhost, .internal, .local) worden geweigerd (422); bij elke aflevering wordt de naam opnieuw opgezocht en alleen naar een gecontroleerd publiek adres verbonden.',
    }),
  gebeurtenissen: z
    .array(z.enum(NOTIFICATION_TYPES))
    .min(1)
    .meta({
      description:
        'De gebeurtenissen waarover u bericht wilt. `casus.aanmaakpoging`: iemand probeerde een tweede casus te openen voor het huishouden van de casus (geweigerd: 1 gezin, 1 plan); de gegevens noemen alleen wie (`door`, `organisatie`, `rol`), niet wat die invoerde. De regisseur beslist of die persoon aan het netwerk wordt toegevoegd. ' +
        '`casus.terugmelding`: de regisseur legde een terugmelding aan Veilig Thuis vast (POST /v1/casussen/{id}/terugmeldingen), met `reden`, zonder toelichting; bedoeld voor het abonnement van Veilig Thuis. `casus.afgesloten` noemt de `reden` van de afsluiting. ' +
        '`werkvoorraad.item`: een nieuw item in een werkvoorraad (GET /v1/werkvoorraad), met `werkvoorraadId`, `soort`, `casusId` (null bij een item zonder casus), `gemeente`, `geadresseerde` (`regisseur`: de huidige regisseur van de casus; `beheerder`, `intaketeam`), `vervaldatum` en de kenmerken van de soort (`vensterNummer`, `opschalingId` en `besluit`, `incidentSoort`); nooit persoonsgegevens. ' +
        'De items die uit de stand van een casus volgen (`afspraak-deadline`, `veiligheidsscore-gepland`, `handle-with-care`) worden niet opgeslagen en hebben geen webhook.',
    }),
  gemeenten: z
    .array(municipalityName())
    .min(1)
    .max(100)
    .meta({ description: 'Gebeurtenissen van casussen in deze gemeenten; alleen gemeenten van de regio (anders 422 gemeente.onbekend) waarvoor u beheerder bent.' }),
  formaat: z
    .enum(SUBSCRIPTION_FORMATS)
    .default('standard-webhooks')
    .meta({
      description:
        'De vorm van elk bericht. `standard-webhooks` (standaard): de gebeurtenis van de dienst (`type`, `timestamp`, `data`), ondertekend volgens Standard Webhooks. ' +
        '`zgw-notificaties`: een bericht (`Message`) van de Notificaties API 1.0, zoals Open Notificaties het aflevert: `kanaal` `zaken`, `hoofdObject` en `resourceUrl` de URL van de zaak in de Zaken API van de regio (dezelfde als in GET /v1/casussen/{id}/zgw), `resource` `zaak`, `actie` `partial_update`, `aanmaakdatum`, en `kenmerken` `bronorganisatie`, `zaaktype` en `vertrouwelijkheidaanduiding` (de kenmerken waarop het kanaal zaken filtert; Open Notificaties weigert andere). ' +
        'Een werkvoorraad-item zonder casus heeft geen zaak en gaat niet naar een `zgw-notificaties`-abonnement. Beide vormen dragen de Standard Webhooks-kopregels en `traceparent`. 422 `abonnement.zgw-niet-geconfigureerd` als de regio geen ZGW-configuratie heeft.',
    }),
  autorisatie: z
    .string()
    .min(1)
    .max(1000)
    .regex(/^[\x21-\x7e][\x20-\x7e]*$/, 'alleen zichtbare ASCII-tekens en spaties, bijvoorbeeld "Bearer eyJ…"')
    .optional()
    .meta({
      description:
        'De waarde van de `Authorization`-kopregel die de ontvanger bij elke aflevering verwacht (zoals `auth` in een abonnement van de Notificaties API), bijvoorbeeld `Bearer eyJ…`. Wordt als geheim bewaard: nooit gelogd en nooit meer volledig getoond.',
    }),
});

export const subscriptionResponse = z
  .object({
    id: z.string(),
    organisatie: z.string(),
    url: z.string(),
    gebeurtenissen: z.array(z.string()),
    gemeenten: z.array(z.string()),
    formaat: z.enum(SUBSCRIPTION_FORMATS),
    autorisatie: z
      .string()
      .nullable()
      .meta({ description: 'De ingestelde Authorization-kopregel, afgeschermd: alleen het schema en de laatste 4 tekens (`Bearer …a1b2`); null als er geen is.' }),
    aangemaaktOp: z.string(),
    geheim: z.string().optional().meta({ description: 'Alleen bij aanmaken getoond: het geheim voor de handtekening (Standard Webhooks, whsec_...).' }),
  })
  .meta({ id: 'Abonnement' });

export const subscriptionListResponse = z.object({ abonnementen: z.array(subscriptionResponse) });
export const subscriptionParams = z.object({ id: z.uuid() });
export const messageParams = z.object({ id: z.uuid() });

export const deliveryResponse = z.object({
  afleveringen: z.array(
    z.object({
      id: z.string(),
      gebeurtenis: z.string(),
      casusId: z.string().nullable().meta({ description: 'null bij een werkvoorraad-item zonder casus (`werkvoorraad.item` voor beheer van de gemeente).' }),
      status: z.enum(['wachtend', 'afgeleverd', 'mislukt']),
      pogingen: z.number().int(),
      laatsteStatus: z.number().int().nullable(),
      laatsteFout: z
        .string()
        .nullable()
        .meta({ description: 'Waarom de laatste poging mislukte: de HTTP-status, een netwerkfout, of "geweigerd: …" wanneer de URL of het adres waarnaar de naam nu wijst niet publiek is.' }),
      aangemaaktOp: z.string(),
      afgeleverdOp: z.string().nullable(),
      volgendePoging: z.string().nullable(),
    }),
  ),
});
