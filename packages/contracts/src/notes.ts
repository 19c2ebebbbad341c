/** Public shapes of a case's notes (notities, issue 17 point 4): what a professional wrote down after a contact. */
import { NOTE_KINDS, NOTE_VISIBILITIES } from '@veilig-samen/domain';
import { z } from 'zod';
import { calendarDate, isoInstant, text } from './common.js';
import { pageNumber, pageSize } from './paging.js';

/** Longest note: a thorough report of a home visit fits; a document does not belong in a note. */
export const NOTE_TEXT_MAX = 10_000;

export const noteRequest = z
  .object({
    soort: z.enum(NOTE_KINDS).meta({ description: 'Wat voor contact: huisbezoek, gesprek, telefonisch, overleg of overig.' }),
    contactdatum: calendarDate.meta({ description: 'De datum van het contact (JJJJ-MM-DD), niet van het schrijven; niet na vandaag.' }),
    tekst: text(NOTE_TEXT_MAX).meta({ description: `Wat er is besproken of gezien (hoogstens ${NOTE_TEXT_MAX} tekens).` }),
    zichtbaarheid: z.enum(NOTE_VISIBILITIES).default('regie').meta({
      description:
        '`regie` (standaard): alleen de regisseur, de schrijver en de professionals in `zichtbaarVoor`. ' +
        '`netwerk`: ook wie in het netwerk inzage `notities` heeft, en de MDA++-coördinator zolang de casus is opgeschaald. ' +
        'Wie aan de kant van de pleger betrokken is, leest een notitie alleen als die daarvoor is gemarkeerd (`voorPlegerzijde`).',
    }),
    voorPlegerzijde: z
      .boolean()
      .default(false)
      .meta({ description: 'Uitdrukkelijk ook voor wie aan de kant van de pleger staat (binnen de zichtbaarheid). Zonder deze markering leest die kant de notitie nooit.' }),
    zichtbaarVoor: z
      .array(text(200))
      .max(20)
      .default([])
      .meta({ description: 'Professionals (sub) die de notitie mogen lezen, ongeacht de zichtbaarheid, zoals een collega die meeging op huisbezoek.' }),
    lidIds: z
      .array(z.uuid())
      .max(50)
      .default([])
      .meta({ description: 'De leden over wie de notitie gaat: zij zien haar in hun inzage (AVG art. 15), tenzij zij om hun veiligheid wordt achtergehouden.' }),
    corrigeert: z
      .uuid()
      .optional()
      .meta({ description: 'Het id van de notitie die deze corrigeert. Notities worden nooit gewijzigd: een correctie is een nieuwe notitie die naar de oude verwijst.' }),
    achterhoudenBijInzage: text(2000)
      .optional()
      .meta({ description: 'Reden om de notitie om veiligheidsredenen niet in de inzage van de leden te tonen; de inzage noemt dan alleen dat er een notitie is achtergehouden, met deze reden.' }),
  })
  .meta({ id: 'NotitieVerzoek' });

const mark = z.object({ reden: z.string(), vastgelegdDoor: z.string().meta({ description: 'Wie dit vastlegde (sub).' }), op: isoInstant });

export const noteResponse = z
  .object({
    id: z.string(),
    casusId: z.string(),
    soort: z.enum(NOTE_KINDS),
    contactdatum: calendarDate.meta({ description: 'De datum van het contact (JJJJ-MM-DD).' }),
    tekst: z.string(),
    zichtbaarheid: z.enum(NOTE_VISIBILITIES),
    voorPlegerzijde: z.boolean(),
    zichtbaarVoor: z.array(z.string()).meta({ description: 'De professionals die de schrijver noemde (leeg voor wie aan de kant van de pleger staat).' }),
    lidIds: z.array(z.string()),
    corrigeert: z.string().nullable(),
    gecorrigeerdDoor: z.array(z.string()).meta({ description: 'De notities die deze corrigeren, voor zover u die mag lezen.' }),
    door: z.object({ id: z.string(), rol: z.string(), organisatie: z.string() }).meta({ description: 'Wie de notitie schreef (uit het token).' }),
    op: isoInstant.meta({ description: 'Wanneer de notitie werd vastgelegd.' }),
    achterhoudenBijInzage: mark.nullable().meta({ description: 'Om veiligheidsredenen achtergehouden bij inzage: waarom, door wie, wanneer.' }),
    ingetrokken: mark.nullable().meta({ description: 'Ingetrokken (op de verkeerde casus vastgelegd): alleen de auditor ziet zulke notities nog.' }),
  })
  .meta({ id: 'Notitie' });

export const noteListQuery = z.object({
  soort: z.enum(NOTE_KINDS).optional().meta({ description: 'Alleen notities van deze soort.' }),
  van: calendarDate.optional().meta({ description: 'Alleen contacten op of na deze datum (JJJJ-MM-DD).' }),
  tot: calendarDate.optional().meta({ description: 'Alleen contacten op of voor deze datum (JJJJ-MM-DD).' }),
  pagina: pageNumber(),
  paginaGrootte: pageSize(20),
}).refine((query) => query.van === undefined || query.tot === undefined || query.van <= query.tot, { message: 'van ligt na tot', path: ['tot'] });

export const noteListResponse = z.object({ notities: z.array(noteResponse) });
export const noteCaseParams = z.object({ id: z.uuid() });
export const noteParams = z.object({ id: z.uuid(), notitieId: z.uuid() });
export const noteWithdrawalRequest = z.object({
  reden: text(2000).meta({ description: 'Waarom de notitie wordt ingetrokken, bijvoorbeeld: vastgelegd bij de verkeerde casus.' }),
});
export const noteWithholdingRequest = z.object({
  reden: text(2000).meta({ description: 'Waarom de notitie om veiligheidsredenen niet in de inzage van de leden komt.' }),
});

/** A note in a member's inzage: shown, or withheld for safety with the reason (without the text). */
export const inzageNote = z.object({
  id: z.string().meta({ description: 'Vaste id van dit onderdeel in het document (om het weg te laten bij de beoordeling).' }),
  contactdatum: calendarDate,
  soort: z.enum(NOTE_KINDS),
  op: isoInstant,
  tekst: z.string().nullable().meta({ description: 'Leeg als de notitie om veiligheidsredenen wordt achtergehouden.' }),
  achtergehouden: z.object({ reden: z.string() }).nullable(),
});
