/**
 * GET /v1/casussen/{id}/leden/{lidId}/inzage: everything held about one
 * household member, for their right of access (AVG art. 15): their data, the
 * agreements that concern them, the safety scores, the case's timeline and
 * who accessed their data. JSON, or with `Accept: text/html` a readable
 * Dutch document to print or hand over.
 */
import { listCaseEvents, listMemberAccesses } from '@veilig-samen/db';
import { caseErrors, describeEvent, restoreCase, sealedFrom } from '@veilig-samen/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { READ_ROLES, viewerOf } from '../cases/access.js';
import { readCase } from '../cases/use-cases.js';
import { callerOf } from '../plugins/auth.js';
import { caseDepsOf } from './deps.js';
import { problems } from './responses.js';
import { noteAccess, shownTo } from '../plugins/victim-side.js';

const inzageResponse = z
  .object({
    opgesteldOp: z.string(),
    lid: z.object({ id: z.string(), naam: z.string(), geboortedatum: z.string().nullable(), relatie: z.string(), betrokkenheid: z.array(z.string()) }),
    casus: z.object({ id: z.string(), gemeente: z.string(), fase: z.string(), regisseur: z.object({ id: z.string(), organisatie: z.string() }), geopendOp: z.string() }),
    afspraken: z.array(z.object({ omschrijving: z.string(), deadline: z.string(), status: z.string(), versie: z.number().int() })),
    veiligheidsscores: z.array(z.object({ op: z.string(), gezamenlijkeScore: z.number().int(), eigenScore: z.number().int().nullable() })),
    tijdlijn: z.array(z.object({ op: z.string(), omschrijving: z.string() })),
    inzagen: z.array(z.object({ op: z.string(), medewerker: z.string(), organisatie: z.string(), actie: z.string(), doel: z.string() })),
  })
  .meta({ id: 'Inzage' });
type Inzage = z.infer<typeof inzageResponse>;

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const date = (iso: string) => new Date(iso).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'long', timeStyle: 'short' });

function html(inzage: Inzage): string {
  const rows = (items: string[][]) => items.map((cells) => `<tr>${cells.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('');
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Inzage in gegevens van ${escape(inzage.lid.naam)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;line-height:1.5;color:#111}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3rem;text-align:left;vertical-align:top}h2{margin-top:2rem}</style>
</head><body>
<h1>Inzage in uw gegevens</h1>
<p>Dit overzicht laat zien welke gegevens over <strong>${escape(inzage.lid.naam)}</strong> zijn vastgelegd in de casus van uw huishouden, en wie ze heeft ingezien (AVG artikel 15). Opgesteld op ${escape(date(inzage.opgesteldOp))}.</p>
<h2>Uw gegevens</h2>
<table><tbody>${rows([
    ['Naam', inzage.lid.naam],
    ['Geboortedatum', inzage.lid.geboortedatum ?? 'niet vastgelegd'],
    ['Relatie in het huishouden', inzage.lid.relatie],
    ['Betrokkenheid', inzage.lid.betrokkenheid.join(', ') || 'geen'],
  ])}</tbody></table>
<h2>De casus</h2>
<table><tbody>${rows([
    ['Gemeente', inzage.casus.gemeente],
    ['Fase', inzage.casus.fase],
    ['Regisseur', `${inzage.casus.regisseur.id} (${inzage.casus.regisseur.organisatie})`],
    ['Geopend op', date(inzage.casus.geopendOp)],
  ])}</tbody></table>
<h2>Afspraken die u aangaan</h2>
<table><thead><tr><th>Afspraak</th><th>Uiterlijk</th><th>Status</th><th>Planversie</th></tr></thead><tbody>${rows(inzage.afspraken.map((a) => [a.omschrijving, a.deadline, a.status, String(a.versie)]))}</tbody></table>
<h2>Veiligheidsscores</h2>
<table><thead><tr><th>Datum</th><th>Gezamenlijke score</th><th>Uw score</th></tr></thead><tbody>${rows(inzage.veiligheidsscores.map((s) => [date(s.op), String(s.gezamenlijkeScore), s.eigenScore === null ? '-' : String(s.eigenScore)]))}</tbody></table>
<h2>Wat er is gebeurd</h2>
<table><tbody>${rows(inzage.tijdlijn.map((e) => [date(e.op), e.omschrijving]))}</tbody></table>
<h2>Wie uw gegevens heeft ingezien of gewijzigd</h2>
<table><thead><tr><th>Datum</th><th>Medewerker</th><th>Organisatie</th><th>Doel</th></tr></thead><tbody>${rows(inzage.inzagen.map((i) => [date(i.op), i.medewerker, i.organisatie, i.doel]))}</tbody></table>
</body></html>`;
}

export function inzageRoutes(deps: AppDeps) {
  const cases = caseDepsOf(deps);
  return async (app: FastifyInstance): Promise<void> => {
    app.withTypeProvider<ZodTypeProvider>().get('/v1/casussen/:id/leden/:lidId/inzage', {
      config: { access: READ_ROLES, audit: true },
      schema: {
        tags: ['casussen'],
        summary: 'Inzage (AVG art. 15): alles wat over één lid is vastgelegd, als JSON of (Accept: text/html) als leesbaar document',
        params: z.object({ id: z.uuid(), lidId: z.uuid() }),
        response: { 200: inzageResponse, ...problems(404) },
      },
    }, async (request: FastifyRequest<{ Params: { id: string; lidId: string } }>, reply) => {
      const { row, access } = await readCase(cases, callerOf(request), request.params.id);
      noteAccess(request, access, row);
      const context = restoreCase(row.state).context;
      const lid = context.leden.find((l) => l.id === request.params.lidId);
      if (!lid) throw caseErrors.memberNotFound();
      request.audit.memberIds = [lid.id];
      const events = await listCaseEvents(deps.database.db, row.id);
      const hidden = sealedFrom(events.map((e) => e.payload), context, viewerOf(callerOf(request), row, access));
      // The whole log of this member's data, however much other activity the case has (never cut off).
      const accesses = await listMemberAccesses(deps.database.db, row.id, lid.id);
      const inzage: Inzage = {
        opgesteldOp: deps.clock.now().toISOString(),
        lid: { id: lid.id, naam: lid.naam, geboortedatum: lid.geboortedatum, relatie: lid.relatie, betrokkenheid: [...lid.betrokkenheid] },
        casus: { id: row.id, gemeente: context.gemeente, fase: row.phase, regisseur: { ...context.regisseur }, geopendOp: context.geopendOp },
        afspraken: context.veiligheidsplan.flatMap((version) =>
          version.afspraken
            .filter((a) => a.eigenaar.soort === 'lid' && a.eigenaar.lidId === lid.id)
            .map((a) => ({ omschrijving: a.omschrijving, deadline: a.deadline, status: a.status, versie: version.versie })),
        ),
        veiligheidsscores: context.scores.map((s) => ({
          op: s.gescoordOp,
          gezamenlijkeScore: s.score,
          eigenScore: s.perspectieven.find((p) => p.van.soort === 'lid' && p.van.lidId === lid.id)?.score ?? null,
        })),
        tijdlijn: events.map((e) => ({ op: e.occurredAt.toISOString(), omschrijving: describeEvent(e.payload, hidden) })),
        inzagen: accesses.map((entry) => ({ op: entry.at.toISOString(), medewerker: entry.actorSub, organisatie: entry.actorOrganisation, actie: entry.action, doel: entry.purpose })),
      };
      if (request.headers.accept?.includes('text/html')) {
        return reply.type('text/html; charset=utf-8').serializer((value: unknown) => String(value)).send(html(shownTo(request, inzage)));
      }
      return inzage;
    });
  };
}
