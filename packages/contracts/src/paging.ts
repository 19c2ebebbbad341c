/**
 * Paging parameters shared by every list (NL API Design Rules: `pagina`,
 * `paginaGrootte`). Paging by number reads and skips every row before the
 * page (OFFSET): a huge `pagina` made the database walk a whole table for an
 * empty answer. So numbers stop at MAX_PAGE (with paginaGrootte at most
 * MAX_PAGE_SIZE, an OFFSET of at most 9,900 rows); a list that goes deeper
 * pages by key (`na`) or is narrowed with its filters.
 */
import { z } from 'zod';

export const MAX_PAGE = 100;
export const MAX_PAGE_SIZE = 100;

/** `pagina`, 1 to MAX_PAGE. */
export const pageNumber = (description = `Paginanummer, hoogstens ${MAX_PAGE}; verder bladert u met een filter.`) =>
  z.coerce
    .number()
    .int()
    .min(1, { message: 'pagina begint bij 1' })
    .max(MAX_PAGE, { message: `pagina gaat tot en met ${MAX_PAGE}; verfijn de lijst met een filter of blader met een grotere paginaGrootte` })
    .default(1)
    .meta({ description });

/** `paginaGrootte`, 1 to MAX_PAGE_SIZE, with the list's own default. */
export const pageSize = (defaultSize: number) =>
  z.coerce
    .number()
    .int()
    .min(1, { message: 'paginaGrootte is minstens 1' })
    .max(MAX_PAGE_SIZE, { message: `paginaGrootte is hoogstens ${MAX_PAGE_SIZE}` })
    .default(defaultSize)
    .meta({ description: `Aantal per pagina, hoogstens ${MAX_PAGE_SIZE} (standaard ${defaultSize}).` });

/** `pagina` and `paginaGrootte` for a list paged by number. */
export const pageQuery = (defaultSize: number) => z.object({ pagina: pageNumber(), paginaGrootte: pageSize(defaultSize) });
