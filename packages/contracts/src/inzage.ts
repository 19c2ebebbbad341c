/**
 * The public shape of a member's inzage (AVG art. 15): everything recorded
 * about one member, and (issue 17 point 10) its review before release: the
 * regisseur or the municipality's privacy officer prepares an export (a
 * frozen draft), withholds items about others with a reason (art. 15(4)) and
 * releases it; only a released export is downloaded.
 *
 * Items: every entry of a list section (afspraken, veiligheidsscores,
 * tijdlijn, inzagen, and any list section added later) carries a stable `id`
 * made from what it comes from, so withholding names exactly one entry.
 */
import { z } from 'zod';
import { inzageNote } from './notes.js';
import { calendarDate, isoInstant, text } from './common.js';

const itemId = z.string().meta({ description: 'Vaste id van dit onderdeel in het document (om het weg te laten bij de beoordeling).' });

export const inzageResponse = z
  .object({
    opgesteldOp: z.string(),
    lid: z.object({ id: z.string(), naam: z.string(), geboortedatum: z.string().nullable(), relatie: z.string(), betrokkenheid: z.array(z.string()) }),
    casus: z.object({
      id: z.string(),
      gemeente: z.string(),
      fase: z.string(),
      regisseur: z.object({
        id: z.string(),
        organisatie: z.string(),
        naam: z.string().nullable().meta({ description: 'De naam van de regisseur, als de gids van medewerkers die kent.' }),
      }),
      geopendOp: z.string(),
    }),
    afspraken: z.array(z.object({ id: itemId, omschrijving: z.string(), deadline: z.string(), status: z.string(), versie: z.number().int() })),
    veiligheidsscores: z.array(z.object({ id: itemId, op: z.string(), gezamenlijkeScore: z.number().int(), eigenScore: z.number().int().nullable() })),
    tijdlijn: z.array(z.object({ id: itemId, op: z.string(), omschrijving: z.string() })),
    inzagen: z.array(z.object({ id: itemId, op: z.string(), medewerker: z.string(), organisatie: z.string(), actie: z.string(), doel: z.string() })),
    weggelaten: z
      .array(z.object({ sectie: z.string(), reden: z.string() }))
      .optional()
      .meta({ description: 'Wat bij de beoordeling is weggelaten (AVG art. 15 lid 4: de rechten van anderen): per onderdeel de sectie en de reden, zonder de inhoud.' }),
    notities: z
      .array(inzageNote)
      .meta({ description: 'Notities over dit lid die de opsteller mag lezen en die niet zijn ingetrokken; een notitie die om veiligheidsredenen wordt achtergehouden staat er zonder tekst, met de reden.' }),
  })
  .meta({ id: 'Inzage' });
export type Inzage = z.infer<typeof inzageResponse>;
export const inzageParams = z.object({ id: z.uuid(), lidId: z.uuid() });
export const inzageHtmlDocument = z.string().meta({ description: 'De inzage als leesbaar Nederlands HTML-document, om te printen of te overhandigen.' });
export const inzagePdfDocument = z.string().meta({ format: 'binary', description: 'De inzage als PDF (A4).' });

export const INZAGE_EXPORT_STATUSES = ['concept', 'vrijgegeven'] as const;

export const inzageExportRequest = z.object({
  ontvangenOp: calendarDate.optional().meta({ description: 'Wanneer het lid om inzage vroeg (de termijn van een maand, AVG art. 12 lid 3, loopt vanaf dan); standaard vandaag.' }),
});

export const inzageExportParams = z.object({ id: z.uuid(), verzoekId: z.uuid() });
export const inzageItemParams = inzageExportParams.extend({
  onderdeelId: z
    .string()
    .max(100)
    .regex(/^[a-z]+-[0-9a-z-]+$/, 'een onderdeel-id zoals gebeurtenis-12')
    .meta({ description: 'De id van het onderdeel in het document (bijvoorbeeld gebeurtenis-12, afspraak-<id>-v2, score-7, toegang-310).' }),
});

export const withholdRequest = z.object({
  reden: text(1000)
    .refine((value) => value.length >= 10, 'geef een reden van minstens 10 tekens')
    .meta({ description: 'Waarom dit onderdeel wordt weggelaten (minstens 10 tekens); het lid leest de reden, niet de inhoud. Bijvoorbeeld: "Gaat over een ander lid van het huishouden".' }),
});

const withheld = z.object({
  onderdeelId: z.string(),
  sectie: z.string(),
  reden: z.string(),
  door: z.string(),
  op: isoInstant,
});

export const inzageExportResponse = z
  .object({
    id: z.string(),
    casusId: z.string(),
    lidId: z.string(),
    status: z.enum(INZAGE_EXPORT_STATUSES).meta({ description: '`concept`: wordt beoordeeld, nog niet te downloaden; `vrijgegeven`: vastgesteld en te downloaden, verandert niet meer.' }),
    ontvangenOp: z.string().nullable(),
    opgesteldOp: isoInstant,
    opgesteldDoor: z.string(),
    vrijgegevenOp: isoInstant.nullable(),
    vrijgegevenDoor: z.string().nullable(),
    weglatingen: z.array(withheld).meta({ description: 'De weggelaten onderdelen, met reden, wie en wanneer.' }),
    document: inzageResponse.meta({ description: 'Het document zoals het is opgesteld, met alle onderdelen (ook de weggelaten): alleen voor wie het beoordeelt.' }),
  })
  .meta({ id: 'InzageExport' });
export type InzageExportView = z.infer<typeof inzageExportResponse>;

export const inzageExportListResponse = z
  .object({ inzageverzoeken: z.array(inzageExportResponse.omit({ document: true })) })
  .meta({ id: 'InzageExportLijst' });
