/** Public shapes of break-the-glass (noodtoegang): grants, their review, and the requests for both. */
import { z } from 'zod';
import { text } from './common.js';
import { pageNumber, pageSize } from './paging.js';

export const BREAK_GLASS_VERDICTS = ['terecht', 'onterecht'] as const;
const VERDICTS = BREAK_GLASS_VERDICTS;

const reviewResponse = z
  .object({
    oordeel: z.enum(VERDICTS),
    toelichting: z.string(),
    door: z.object({ id: z.string(), rol: z.string() }),
    op: z.string(),
  })
  .meta({ id: 'NoodtoegangBeoordeling', description: 'Het oordeel over de noodtoegang, eenmalig vastgelegd door de MDA++-coördinator of de auditor.' });

export const grantResponse = z
  .object({
    id: z.string(),
    casusId: z.string(),
    medewerker: z.object({ id: z.string(), organisatie: z.string(), rol: z.string() }),
    reden: z.string(),
    verleendOp: z.string(),
    geldigTot: z.string(),
    beoordeling: reviewResponse.nullable().meta({ description: 'null zolang de noodtoegang niet is beoordeeld.' }),
  })
  .meta({ id: 'Noodtoegang' });

export const breakGlassParams = z.object({ id: z.uuid() });
export const breakGlassRequest = z.object({ reden: text(2000).refine((value) => value.length >= 10, 'geef een reden van minstens 10 tekens').meta({ description: 'Waarom inzage nu nodig is (minstens 10 tekens).' }) });
export const breakGlassListQuery = z.object({
  beoordeling: z.enum(['open', ...VERDICTS]).optional().meta({ description: 'open: nog niet beoordeeld; terecht of onterecht: het oordeel.' }),
  pagina: pageNumber(),
  paginaGrootte: pageSize(50),
});
export const breakGlassListResponse = z.object({ noodtoegang: z.array(grantResponse) });
export const breakGlassReviewRequest = z.object({
  oordeel: z.enum(VERDICTS),
  toelichting: text(2000).meta({ description: 'Waarom terecht of onterecht.' }),
});
