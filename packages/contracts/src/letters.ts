/**
 * Letters to the household as PDF (issue 17 point 7): which letter, for
 * which member, and the record of its sending.
 */
import { LETTER_KINDS, LETTER_METHODS } from '@veilig-samen/domain';
import { z } from 'zod';
import { calendarDate, plainText } from './common.js';

const letterKind = z.enum(LETTER_KINDS).meta({
  description:
    '`start` (wie uw regisseur is en hoe u die bereikt, wat er nu gebeurt, uw recht op inzage), `gevolgen-hulp-weigeren` (wat het weigeren van hulp betekent, vanaf het begin gezegd), ' +
    '`afsluiting` (de afsluitbrief; alleen bij een afgesloten casus), `veiligheidsplan` (het eigen veiligheidsplan van het huishouden om te printen).',
});

export const letterParams = z.object({ id: z.uuid(), soort: letterKind });

export const letterQuery = z.object({
  lid: z.uuid().meta({ description: 'Het lid aan wie de brief is gericht (id uit GET /v1/casussen/{id}); een lid van 16 jaar of ouder.' }),
});

export const letterPdf = z.string().meta({ format: 'binary', description: 'De brief als PDF (A4), in eenvoudig Nederlands (taalniveau B1).' });

export const letterSentRequest = z.object({
  lid: z.uuid().meta({ description: 'Het lid aan wie de brief is verstuurd.' }),
  verzondenOp: calendarDate.meta({ description: 'Wanneer de brief is verstuurd of overhandigd (niet in de toekomst).' }),
  wijze: z.enum(LETTER_METHODS).meta({
    description: 'Hoe: `post` (naar het adres), `email` of `persoonlijk` (overhandigd). Niet `post` aan een lid dat geen post op het huisadres wil (409 `brief.geen-post-thuisadres`); alleen de gevraagde manier aan een lid dat om e-mail of persoonlijk contact vroeg (409 `brief.ander-kanaal`).',
  }),
  toelichting: plainText(1000).optional(),
});
