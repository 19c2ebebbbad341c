/** Public shapes of the werkvoorraad: what a person must look at (issue 16, point 5). */
import { SIGNAL_ADDRESSEES, SIGNAL_DEFINITIONS, SIGNAL_KINDS } from '@veilig-samen/domain';
import { z } from 'zod';
import { isoInstant } from './common.js';
import { pageNumber, pageSize } from './paging.js';

export const WERKVOORRAAD_STATUSES = ['open', 'afgehandeld', 'alle'] as const;

const KIND_LIST = SIGNAL_KINDS.map((kind) => {
  const definition = SIGNAL_DEFINITIONS[kind];
  const marks = `${definition.reserved ? ' (gereserveerd, nog niet gemaakt)' : ''}${definition.computed ? ' (berekend uit de casus)' : ''}`;
  return `\`${kind}\`${marks}: ${definition.omschrijving}${definition.computed ? ` ${definition.computed.doneBy}` : ''}`;
}).join('\n- ');
export const WERKVOORRAAD_KINDS_DESCRIPTION = `De soorten:\n- ${KIND_LIST}`;

export const werkvoorraadQuery = z.object({
  status: z.enum(WERKVOORRAAD_STATUSES).default('open').meta({ description: 'Standaard alleen open items; `afgehandeld` of `alle` voor de andere.' }),
  soort: z.enum(SIGNAL_KINDS).optional().meta({ description: 'Alleen items van deze soort.' }),
  pagina: pageNumber(),
  paginaGrootte: pageSize(20),
});

export const werkvoorraadParams = z.object({ id: z.uuid() });

export const werkvoorraadItemResponse = z
  .object({
    id: z.string(),
    soort: z.enum(SIGNAL_KINDS),
    omschrijving: z.string().meta({ description: 'Wat er van u gevraagd wordt, in gewone taal.' }),
    casusId: z.string().nullable().meta({ description: 'De casus waar het over gaat; null bij een item van de gemeente zonder casus.' }),
    gemeente: z.string(),
    geadresseerde: z
      .enum(SIGNAL_ADDRESSEES)
      .meta({ description: '`regisseur`: de huidige regisseur van de casus (het item gaat mee bij overdracht); `beheerder` of `intaketeam`: die rol of dat team van de gemeente; `voorgestelde-regisseur`: wie een regiewissel is voorgesteld en die nog niet beantwoordde (persoonlijk).' }),
    vervaldatum: isoInstant.meta({ description: 'Wanneer het afgehandeld moet zijn.' }),
    verlopen: z.boolean().meta({ description: 'Open en de vervaldatum is voorbij.' }),
    status: z.enum(['open', 'afgehandeld']),
    gegevens: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
      .meta({
        description:
          'Kenmerken van de soort (vensterNummer, opschalingId en besluit, incidentSoort; afspraakId en deadline; fase; lidId), nooit persoonsgegevens.',
      }),
    berekend: z.boolean().meta({
      description:
        'true: het item volgt uit de stand van de casus (een afspraak bij haar deadline, de volgende TOP3-scoring, een Handle with Care-signaal) en verdwijnt vanzelf zodra dat gedaan is; ' +
        'het staat niet met status afgehandeld in de lijst, heeft geen webhook en kan niet met de hand worden afgehandeld (409 `werkvoorraad.afhandelen-in-casus`).',
    }),
    aangemaaktOp: isoInstant.meta({ description: 'Wanneer het item ontstond; bij een berekend item: vanaf wanneer het in de werkvoorraad staat.' }),
    afgehandeldOp: isoInstant.nullable(),
    afgehandeldDoor: z.string().nullable(),
    _links: z
      .object({
        casus: z
          .object({ href: z.string().meta({ description: 'De casus, bijvoorbeeld /v1/casussen/{id}.' }) })
          .nullable()
          .meta({ description: 'null bij een item van de gemeente zonder casus.' }),
      })
      .meta({ description: 'Links (HAL): de casus waar het item over gaat.' }),
  })
  .meta({ id: 'WerkvoorraadItem' });

export const werkvoorraadListResponse = z.object({
  aantallen: z
    .record(z.string(), z.number().int())
    .meta({ description: 'Aantal items per soort met de gevraagde status (zonder het filter op soort); soorten zonder items ontbreken.' }),
  aantalVerlopen: z.number().int().meta({ description: 'Hoeveel van die items open zijn en over hun vervaldatum (zonder het filter op soort).' }),
  items: z.array(werkvoorraadItemResponse).meta({ description: 'Op urgentie: eerst de verlopen items, dan op vervaldatum (de vroegste eerst).' }),
});
