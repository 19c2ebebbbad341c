/** Public shapes of the access log (toegangslog): its rows and how to page through them. */
import { z } from 'zod';
import { text } from './common.js';
import { MAX_PAGE, pageNumber, pageSize, queryInteger } from './paging.js';

const entry = z
  .object({
    volgnummer: z.number().int(),
    op: z.string(),
    medewerker: z.object({ id: z.string(), organisatie: z.string(), rol: z.string() }),
    namens: z.string().nullable(),
    casusId: z.string().nullable(),
    leden: z.array(z.string()),
    actie: z.string(),
    resultaat: z.enum(['toegestaan', 'geweigerd']),
    status: z.number().int(),
    doel: z.string(),
    noodtoegang: z.boolean(),
    requestId: z.string(),
  })
  .meta({ id: 'Toegangslogregel' });
export const accessLogListResponse = z.object({ toegangen: z.array(entry) });
/** The largest volgnummer PostgreSQL's integer column holds; a larger `na` would be a database error. */
const MAX_ID = 2_147_483_647;

const paging = {
  // Numbers for the first pages only (no deep OFFSET); further back by `na`, which the next link carries from the first page on.
  pagina: pageNumber(`Paginanummer, hoogstens ${MAX_PAGE}. Verder terug bladert u met \`na\` (de Link rel="next").`),
  paginaGrootte: pageSize(50),
  na: queryInteger('na', 1, MAX_ID)
    .optional()
    .meta({
      description:
        'Volgnummer van de laatste regel die u al hebt: het antwoord begint bij de regel daarna (ouder). Zo bladert u door het hele log; ' +
        'de Link rel="next" zet het. Niet samen met een pagina boven 1; zonder X-Total-Count.',
    }),
};

/** `na` continues from a row; a page number on top of it would mean two starting points. */
const onePagingStart = (query: { pagina: number; na?: number | undefined }) => query.na === undefined || query.pagina === 1;
const onePagingStartIssue = { message: 'na en pagina gaan niet samen: laat pagina weg als u na gebruikt', path: ['na'] };

export const ACCESS_LOG_PAGING_DESCRIPTION =
  'Nieuwste eerst (op volgnummer). Link-header: first, prev (bij pagina) en next (met `na`, zo lang er oudere regels zijn); ' +
  'X-Total-Count bij bladeren op pagina.';

export const accessLogCaseParams = z.object({ id: z.uuid() });
export const caseAccessLogQuery = z.object(paging).refine(onePagingStart, onePagingStartIssue);
export const accessLogQuery = z.object({ medewerker: text(200).optional(), ...paging }).refine(onePagingStart, onePagingStartIssue);
