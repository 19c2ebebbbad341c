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

/**
 * A whole number in a query string, written as plain decimal digits only:
 * `1e2`, `0x10` or ` 1` are refused rather than read as some other number
 * (the attacker review of issue 14 found them accepted through coercion).
 */
export const queryInteger = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,10}$/, { message: `${name} is een geheel getal in cijfers (0-9), zonder teken, spaties of exponent` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { message: `${name} is minstens ${min}` })
        .max(max, { message: `${name} is hoogstens ${max}` }),
    )
    // Described as what it is to clients: an integer in a range (the digits-only rule is how it is read).
    .meta({ type: 'integer', minimum: min, maximum: max, pattern: undefined });

/** `pagina`, 1 to MAX_PAGE. */
export const pageNumber = (description = `Paginanummer, hoogstens ${MAX_PAGE}; verder bladert u met een filter.`) =>
  queryInteger('pagina', 1, MAX_PAGE).default(1).meta({ description });

/** `paginaGrootte`, 1 to MAX_PAGE_SIZE, with the list's own default. */
export const pageSize = (defaultSize: number) =>
  queryInteger('paginaGrootte', 1, MAX_PAGE_SIZE)
    .default(defaultSize)
    .meta({ description: `Aantal per pagina, hoogstens ${MAX_PAGE_SIZE} (standaard ${defaultSize}).` });

/** `pagina` and `paginaGrootte` for a list paged by number. */
export const pageQuery = (defaultSize: number) => z.object({ pagina: pageNumber(), paginaGrootte: pageSize(defaultSize) });
