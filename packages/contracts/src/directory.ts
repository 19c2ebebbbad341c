/** Public shapes of the directory of professionals and of substitutes (issue 16 point 14). */
import { ROLES } from '@veilig-samen/domain';
import { z } from 'zod';
import { instant, municipalityName, text } from './common.js';
import { pageNumber, pageSize } from './paging.js';

const isoInstant = z.string().meta({ format: 'date-time', description: 'ISO 8601 in UTC.' });

export const professionalListQuery = z.object({
  zoek: text(100).optional().meta({ description: 'Deel van de naam of het id (sub), hoofdletterongevoelig.' }),
  gemeente: municipalityName().optional(),
  rol: z.enum(ROLES).optional(),
  vertrokken: z
    .enum(['nee', 'ja'])
    .default('nee')
    .meta({ description: '`ja`: ook wie door beheer als vertrokken is gemarkeerd (standaard alleen wie er nog is).' }),
  pagina: pageNumber(),
  paginaGrootte: pageSize(20),
});

export const professionalResponse = z
  .object({
    id: z.string().meta({ description: 'De `sub` in het token van de medewerker: het id waarmee u de regie voorstelt of een vervanger noemt.' }),
    naam: z.string().nullable().meta({ description: 'De naam uit het token (`name`), als dat die gaf.' }),
    organisatie: z.string(),
    oin: z.string().nullable(),
    rol: z.enum(ROLES),
    gemeenten: z.array(z.string()),
    eerstGezien: isoInstant,
    laatstGezien: isoInstant.meta({ description: 'Ongeveer: bijgewerkt hoogstens eens per 10 minuten.' }),
    vertrokkenOp: isoInstant.nullable(),
  })
  .meta({ id: 'Medewerker', description: 'Een medewerker zoals Veilig Samen die kent uit de tokens waarmee die zich meldde.' });

export const professionalListResponse = z.object({ medewerkers: z.array(professionalResponse) });

export const professionalParams = z.object({ sub: text(200) });

export const goneResponse = z
  .object({
    medewerker: professionalResponse,
    casussen: z.array(z.string()).meta({ description: 'De lopende casussen van de medewerker als regisseur, in alle gemeenten. Na het markeren als vertrokken staat elk als `regisseur-vertrokken` in de werkvoorraad van beheer van de gemeente van die casus; na het ongedaan maken (terug) zijn die items afgehandeld.' }),
  })
  .meta({ id: 'MedewerkerVertrokken' });

export const reassignRequest = z.object({
  naar: text(200).meta({ description: 'Het id (sub) van de collega die alle lopende casussen van de vertrokken medewerker krijgt.' }),
  reden: text(2000).optional(),
});

export const reassignResponse = z
  .object({
    overgedragen: z.array(z.string()).meta({ description: 'De casussen die nu de nieuwe regisseur hebben.' }),
    geweigerd: z
      .array(z.object({ casus: z.string(), code: z.string(), detail: z.string() }))
      .meta({ description: 'De casussen die de regel weigerde (bijvoorbeeld: de collega staat aan de plegerzijde); die houden hun regisseur en blijven in de werkvoorraad.' }),
  })
  .meta({ id: 'Overdracht' });

export const substitutionRequest = z.object({
  vervanger: text(200).meta({ description: 'Het id (sub) van een collega van het lokale team in dezelfde gemeente, bekend en niet vertrokken.' }),
  van: instant,
  tot: instant,
});

export const substitutionResponse = z
  .object({
    regisseur: z.string(),
    vervanger: z.string(),
    van: isoInstant,
    tot: isoInstant,
    vervangerVertrokken: z.boolean().meta({ description: 'De vervanger is als vertrokken gemarkeerd: deze vervanging geeft dan geen rechten. Noem een andere vervanger.' }),
  })
  .meta({ id: 'Vervanging', description: 'In deze periode heeft de vervanger de rechten van de regisseur op diens casussen; elke toegang staat in de toegangslog als vervanging.' });
