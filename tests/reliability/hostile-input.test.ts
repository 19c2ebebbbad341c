/**
 * Issue 8, "Hostile input": requests generated from the OpenAPI document
 * with fast-check against every route: never a 5xx, always problem+json
 * for a client error, and the database unchanged by a refused request.
 *
 * The world first: cases through the API (a plan, scores, a network, an
 * escalation by hand taken into MDA++ and put on an expert meeting's agenda,
 * deadline escalations fired by the timer worker, a closed case, a policy
 * version, a webhook subscription, an inbound message), so that path
 * parameters are real ids as well as garbage.
 *
 * Then, per operation (method + path) of the document and per route the
 * document leaves out (docs, web pages, static files), requests mixing: real
 * ids, random UUIDs and garbage in the path; the declared query parameters
 * with hostile values and unknown ones; bodies valid by the operation's
 * schema, mutations of them (wrong types, missing and extra fields, huge
 * strings, nesting 1,000 to 400,000 deep, unicode with lone surrogates, NUL
 * and control characters, odd number literals), arbitrary JSON, malformed
 * JSON, wrong content types; random If-Match, Idempotency-Key and Accept
 * headers; and callers of every role, without a token, or with a bad one.
 *
 * Each answer: status < 500 and one of the expected client errors; an
 * error is application/problem+json whose body has `status` (equal to the
 * HTTP status), a `title` and a `code`; a refusal leaves every table but the
 * access log as it was (and adds at most one access-log row); GET and HEAD
 * never change data; no HTML answer carries a submitted script unescaped; no
 * refusal repeats a member's name or BSN from the request.
 *
 * "Unchanged" is checked with a write journal (./write-journal.ts): row
 * triggers in this file's own database count the rows each committed
 * transaction inserted, updated or deleted, per table; reading it after every
 * request is one small query.
 *
 * About a third of the requests are realistic but for the body (a caller the
 * route allows, real ids, the case's current If-Match), so that hostile
 * bodies reach validation, the use-cases and storage; the rest is hostile
 * throughout. Operations run in order GET, writes, DELETE, so real ids stay
 * valid as long as they can; each is one fast-check property with a seed
 * derived from the run's seed; a failing operation does not stop the others.
 *
 * Replay: the seed is printed (`hostile-input seed=<n> runs=<n>`); run again
 * with HOSTILE_SEED=<n>. HOSTILE_OPERATION="POST /v1/casussen" runs one
 * operation only (with the world as the setup leaves it; earlier operations'
 * successful writes are then missing), HOSTILE_PATH=<path from the report>
 * replays fast-check's counterexample, HOSTILE_RUNS=<n> changes the total.
 * HOSTILE_EXPLORE=1 lists every distinct failure instead of the first per
 * operation; HOSTILE_DEBUG=1 prints time and statuses per kind of request.
 */
import { createHmac } from 'node:crypto';
import type { TokenClaims } from '@veilig-samen/contracts';
import { LETTER_KINDS } from '@veilig-samen/domain';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireDueTimers } from '../../services/api/src/timers/worker.js';
import { CASE_MANAGER, createTestApp, TEST_JWT_SECRET, type TestApp } from '../helpers/app.js';
import { clientFor, household, plan, releasedInzage, toplist, type Client } from '../helpers/client.js';
import { close, walkToNazorg } from '../helpers/walk.js';
import { installWriteJournal, journalledTables, readJournal, writesBetween, type Journal } from './write-journal.js';
import { urlPaths } from '../helpers/openapi.js';
import {
  BROKEN_JSON,
  deepNodeArb,
  describeJson,
  hostileJsonValue,
  hostileKey,
  hostileString,
  hugeStringNode,
  mutate,
  mutationArb,
  PII_BSNS,
  PII_NAMES,
  Raw,
  SCRIPT_FRAGMENTS,
  toJsonText,
  validValue,
  type JsonSchema,
  type SchemaContext,
} from './hostile-arbitraries.js';

const SEED = Number.parseInt(process.env.HOSTILE_SEED ?? '20260115', 10);
const TOTAL_RUNS = Number.parseInt(process.env.HOSTILE_RUNS ?? '10000', 10);
const ONLY_OPERATION = process.env.HOSTILE_OPERATION;
const REPLAY_PATH = process.env.HOSTILE_PATH;
const DEBUG = process.env.HOSTILE_DEBUG === '1';
/** Record every distinct failure instead of stopping an operation at its first (for finding them all). */
const EXPLORE = process.env.HOSTILE_EXPLORE === '1';
const explored = new Map<string, string>();
const timing = new Map<string, { n: number; ms: number }>();
let spentInRequests = 0;
/** Requests per route outside the OpenAPI document (docs, web pages, static files). */
const RUNS_PER_UNDOCUMENTED_ROUTE = 25;

/** Client errors the API may answer with (404 also for what the caller may not know exists). */
const ALLOWED_ERRORS = new Set([400, 401, 403, 404, 405, 406, 409, 412, 413, 414, 415, 422, 428, 429]);
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const ZERO_UUID = '00000000-0000-4000-8000-000000000000';

// --------------------------------------------------------------------------------------------
// Operations: from the OpenAPI document, and the routes it leaves out
// --------------------------------------------------------------------------------------------

interface OpenApiParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly schema?: JsonSchema;
}
interface OpenApiOperation {
  readonly parameters?: readonly OpenApiParameter[];
  readonly requestBody?: { readonly content: Readonly<Record<string, { readonly schema: JsonSchema }>> };
}
interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, JsonSchema>> };
}

interface Operation {
  /** `POST /v1/casussen/{id}/leden` */
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly documented: boolean;
  readonly pathParams: readonly string[];
  readonly queryParams: readonly { readonly name: string; readonly schema: JsonSchema }[];
  readonly bodySchema: JsonSchema | undefined;
}

const templateParams = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');

function documentedOperations(document: OpenApiDocument): { operations: Operation[]; unsupported: string[] } {
  const operations: Operation[] = [];
  const unsupported: string[] = [];
  for (const [path, methods] of Object.entries(urlPaths(document))) {
    for (const [method, operation] of Object.entries(methods)) {
      const key = `${method.toUpperCase()} ${path}`;
      const parameters = operation.parameters ?? [];
      const content = operation.requestBody?.content ?? {};
      // Every body the API takes is JSON (PATCH also as a JSON merge patch, same schema). An operation with another
      // body (multipart, a file) would need a generator of its own: it is listed here and the test fails, rather
      // than being skipped silently.
      const others = Object.keys(content).filter((type) => type !== 'application/json' && type !== 'application/merge-patch+json');
      if (others.length > 0) unsupported.push(`${key}: ${others.join(', ')}`);
      if (parameters.some((p) => p.in === 'cookie')) unsupported.push(`${key}: cookie parameters`);
      operations.push({
        key,
        method: method.toUpperCase(),
        path,
        documented: true,
        pathParams: templateParams(path),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? { type: 'string' } })),
        bodySchema: content['application/json']?.schema,
      });
    }
  }
  return { operations, unsupported };
}

/** Every route Fastify knows, from printRoutes(): `/v1/casussen/:id (GET, HEAD)` lines in a tree. */
function registeredRoutes(tree: string): { path: string; methods: string[] }[] {
  const routes: { path: string; methods: string[] }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^(.*?)(?:├── |└── )(.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = Math.round((match[1] ?? '').length / 4);
    stack.length = depth;
    stack.push(match[2] ?? '');
    if (match[3]) {
      const path = stack.join('').replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{wildcard}');
      routes.push({ path, methods: match[3].split(',').map((m) => m.trim()) });
    }
  }
  return routes;
}

// --------------------------------------------------------------------------------------------
// Callers
// --------------------------------------------------------------------------------------------

interface Caller {
  readonly label: string;
  readonly authorization: string | undefined;
  [fc.toStringMethod](): string;
}

const caller = (label: string, authorization: string | undefined): Caller => ({ label, authorization, [fc.toStringMethod]: () => `caller(${label})` });

const REGISSEUR = 'lokaal-team mw-001 (regisseur, Nijmegen)';
const NAMED_CLAIMS: Readonly<Record<string, TokenClaims>> = {
  [REGISSEUR]: CASE_MANAGER,
  'lokaal-team mw-009 (Wijchen)': { sub: 'mw-009', rol: 'lokaal-team', organisatie: 'Sociaal Wijkteam Wijchen', gemeenten: ['Wijchen'] },
  'lokaal-team intake-001 (intaketeam Nijmegen)': { sub: 'intake-001', rol: 'lokaal-team', organisatie: 'Intaketeam Nijmegen', gemeenten: ['Nijmegen'], teams: ['intake-nijmegen'] },
  'lokaal-team mw-005 (Nijmegen, noodtoegang)': { sub: 'mw-005', rol: 'lokaal-team', organisatie: 'Wijkteam Elders', gemeenten: ['Nijmegen'] },
  'mda-coordinator': { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH Gelderland-Zuid', gemeenten: [] },
  'beheerder Nijmegen': { sub: 'beheer-1', rol: 'beheerder', organisatie: 'Gemeente Nijmegen', gemeenten: ['Nijmegen'] },
  'beheerder Arnhem': { sub: 'beheer-arnhem', rol: 'beheerder', organisatie: 'Gemeente Arnhem', gemeenten: ['Arnhem'] },
  beleid: { sub: 'beleid-1', rol: 'beleid', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] },
  auditor: { sub: 'audit-1', rol: 'auditor', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] },
  integratie: { sub: 'vt-koppeling', rol: 'integratie', organisatie: 'Veilig Thuis Gelderland-Zuid', gemeenten: ['Nijmegen', 'Wijchen'] },
  ketenpartner: { sub: 'agent-12', rol: 'ketenpartner', organisatie: 'Politie Oost-Nederland', gemeenten: [] },
  regiobeheerder: { sub: 'regiobeheer-1', rol: 'regiobeheerder', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] },
};

const base64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT with any header and payload, HS256-signed with `secret` (or unsigned). */
function jwt(header: Record<string, unknown>, payload: Record<string, unknown>, secret: string | undefined): string {
  const head = `${base64url(header)}.${base64url(payload)}`;
  return `${head}.${secret === undefined ? '' : createHmac('sha256', secret).update(head).digest('base64url')}`;
}

function hostileCallers(t: TestApp): Caller[] {
  // The service checks a token's times against its clock, which the world building moved.
  const now = Math.floor(t.clock.now().getTime() / 1000);
  const registered = { iss: t.config.jwt.issuer, aud: t.config.jwt.audience, iat: now, exp: now + 3600 };
  const claims = { ...registered, ...CASE_MANAGER };
  const valid = t.token({});
  const signed = (payload: Record<string, unknown>) => `Bearer ${jwt({ alg: 'HS256', typ: 'JWT' }, payload, TEST_JWT_SECRET)}`;
  return [
    caller('geen token', undefined),
    caller('Bearer zonder token', 'Bearer'),
    caller('Bearer x', 'Bearer x'),
    caller('Bearer a.b.c', 'Bearer a.b.c'),
    caller('Bearer met SQL', "Bearer ' OR 1=1 --"),
    caller('Bearer 10.000 tekens', `Bearer ${'A'.repeat(10_000)}`),
    caller('Basic', 'Basic dXNlcjpwYXNzd29yZA=='),
    caller('token zonder schema', valid),
    caller('twee tokens', `Bearer ${valid} ${valid}`),
    caller('payload geen JSON', `Bearer ${base64url({ alg: 'HS256' })}.${base64url('geen json')}.c2ln`),
    caller('alg none', `Bearer ${jwt({ alg: 'none', typ: 'JWT' }, claims, undefined)}`),
    caller('alg HS512', `Bearer ${jwt({ alg: 'HS512', typ: 'JWT' }, claims, TEST_JWT_SECRET)}`),
    caller('ander geheim', `Bearer ${jwt({ alg: 'HS256', typ: 'JWT' }, claims, 'een-ander-geheim-dat-lang-genoeg-is-0123456789')}`),
    caller('verlopen', signed({ ...claims, iat: now - 7200, exp: now - 3600 })),
    caller('verkeerde iss', signed({ ...claims, iss: 'elders' })),
    caller('verkeerde aud', signed({ ...claims, aud: 'elders' })),
    caller('zonder exp', signed({ ...CASE_MANAGER, iss: registered.iss, aud: registered.aud })),
    caller('rol superuser', signed({ ...claims, rol: 'superuser' })),
    caller('gemeenten geen lijst', signed({ ...claims, gemeenten: 'Nijmegen' })),
    caller('lege sub', signed({ ...claims, sub: '' })),
    caller('sub 5000 tekens', signed({ ...claims, sub: 'x'.repeat(5000) })),
    caller('sub met NUL', signed({ ...claims, sub: 'mw\u0000001' })),
    caller('sub met script', signed({ ...claims, sub: SCRIPT_FRAGMENTS[0] })),
    caller('organisatie getal', signed({ ...claims, organisatie: 123 })),
    caller('zonder rol', signed({ ...registered, sub: 'mw-001', organisatie: 'x', gemeenten: [] })),
    caller('claims met __proto__', `Bearer ${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(`{"__proto__":{"rol":"beheerder"},${JSON.stringify(claims).slice(1)}`)}.c2ln`),
  ];
}

// --------------------------------------------------------------------------------------------
// The world: real ids
// --------------------------------------------------------------------------------------------

interface World {
  readonly cases: string[];
  readonly members: string[];
  readonly agreements: string[];
  readonly escalations: string[];
  readonly meetings: string[];
  readonly items: string[];
  readonly involvements: string[];
  readonly subscriptions: string[];
  readonly messages: string[];
  /** Intake items (issue 16): a message about a household without a case. */
  readonly intake: string[];
  /** Werkvoorraad items (issue 16): the signals made on the way (reminders, decisions, the intake). */
  readonly werkvoorraad: string[];
  readonly breakGlass: string[];
  /** Notes (issue 17 point 4) on case A: one `regie` about a member, one `netwerk`. */
  readonly notes: string[];
  /** A member's inzage exports (issue 17 point 10), a draft and a released one, and items of their document. */
  readonly exports: string[];
  readonly exportItems: string[];
}

function ok(response: LightMyRequestResponse, what: string) {
  if (response.statusCode >= 300) throw new Error(`setup: ${what}: ${response.statusCode} ${response.body}`);
  return response.json();
}

async function versionOf(client: Client, caseId: string): Promise<number> {
  return ok(await client.get(`/v1/casussen/${caseId}`), 'read case').versie as number;
}

async function buildWorld(t: TestApp): Promise<World> {
  const claims = (label: string) => NAMED_CLAIMS[label] ?? CASE_MANAGER;
  const mw = clientFor(t, claims('lokaal-team mw-001 (regisseur, Nijmegen)'));
  const wijchen = clientFor(t, claims('lokaal-team mw-009 (Wijchen)'));
  const elsewhere = clientFor(t, claims('lokaal-team mw-005 (Nijmegen, noodtoegang)'));
  const coordinator = clientFor(t, claims('mda-coordinator'));
  const admin = clientFor(t, claims('beheerder Nijmegen'));
  const vt = clientFor(t, claims('integratie'));
  const world: World = { cases: [], members: [], agreements: [], escalations: [], meetings: [], items: [], involvements: [], subscriptions: [], messages: [], intake: [], werkvoorraad: [], breakGlass: [], notes: [], exports: [], exportItems: [] };

  // A: members with personal data (and a stored script as a name), a plan with agreements for a member and for
  // the police, the police in the network, a low score; escalated by hand, taken into MDA++, on an agenda.
  const a = ok(
    await mw.request('POST', '/v1/casussen', {
      body: {
        ...household,
        leden: [
          { naam: PII_NAMES[0], geboortedatum: '1988-05-12', relatie: 'ouder', betrokkenheid: ['slachtoffer'], adres: 'Geheimstraat 1', afgeschermd: true },
          { naam: PII_NAMES[1], geboortedatum: '1986-01-30', relatie: 'ouder', betrokkenheid: ['pleger'] },
          { naam: SCRIPT_FRAGMENTS[0], relatie: 'kind', betrokkenheid: ['getuige'] },
        ],
      },
    }),
    'case A',
  );
  world.cases.push(a.id);
  world.members.push(...(a.leden as { id: string }[]).map((m) => m.id));
  ok(
    await mw.write('PUT', `/v1/casussen/${a.id}/veiligheidsplan`, 1, plan([{ eigenaar: { soort: 'lid', lidId: a.leden[0].id } }, { eigenaar: { soort: 'organisatie', naam: 'Politie Oost-Nederland' } }])),
    'plan A',
  );
  world.agreements.push(...(ok(await mw.get(`/v1/casussen/${a.id}/veiligheidsplan`), 'read plan A').afspraken as { id: string }[]).map((x) => x.id));
  // Issue 17 point 10: an inzage export of the member with the script as a name, released, and a draft of another.
  for (const [index, member] of (a.leden as { id: string }[]).slice(0, 2).entries()) {
    const prepared = ok(await mw.request('POST', `/v1/casussen/${a.id}/leden/${member.id}/inzageverzoeken`, { body: {} }), 'inzage export A');
    world.exports.push(prepared.id);
    world.exportItems.push(...(prepared.document.tijdlijn as { id: string }[]).slice(0, 2).map((x) => x.id), ...(prepared.document.inzagen as { id: string }[]).slice(0, 1).map((x) => x.id));
    if (index === 0) ok(await mw.request('POST', `/v1/casussen/${a.id}/inzageverzoeken/${prepared.id}/vrijgave`), 'release inzage A');
  }
  ok(await mw.write('POST', `/v1/casussen/${a.id}/veiligheidsscores`, 2, toplist(3)), 'score A');
  ok(await mw.request('POST', `/v1/casussen/${a.id}/betrokkenen`, { body: { soort: 'organisatie', organisatie: 'Politie Oost-Nederland', oin: '00000001003214345000', rol: 'politie', grondslag: 'Wpg art. 16', inzage: ['leden'] } }), 'network A');
  ok(await mw.request('POST', `/v1/casussen/${a.id}/betrokkenen`, { body: { soort: 'professional', id: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen', rol: 'collega', grondslag: 'Wmo 2015' } }), 'network A');
  world.involvements.push(...(ok(await mw.get(`/v1/casussen/${a.id}/betrokkenen`), 'read network A').betrokkenen as { id: string }[]).map((x) => x.id));
  for (const body of [
    { soort: 'huisbezoek', contactdatum: '2026-01-14', tekst: 'Huisbezoek bij A', lidIds: [a.leden[0].id] },
    { soort: 'overleg', contactdatum: '2026-01-13', tekst: 'Overleg met de politie', zichtbaarheid: 'netwerk' },
  ]) {
    world.notes.push(ok(await mw.request('POST', `/v1/casussen/${a.id}/notities`, { body }), 'note A').id);
  }
  const escalated = ok(await mw.write('POST', `/v1/casussen/${a.id}/opschalingen`, await versionOf(mw, a.id), { reden: 'Geweld neemt toe' }), 'escalate A');
  const escalationId = escalated.laatsteOpschaling.id as string;
  world.escalations.push(escalationId);
  ok(await coordinator.request('POST', `/v1/opschalingen/${escalationId}/besluit`, { body: { besluit: 'mda-traject', motivering: 'Herhaald geweld' } }), 'decide A');
  const meeting = ok(await coordinator.request('POST', '/v1/expertoverleggen', { body: { tijdstip: '2026-02-10T14:00:00+01:00' } }), 'meeting');
  world.meetings.push(meeting.id);
  world.items.push(ok(await coordinator.request('POST', `/v1/expertoverleggen/${meeting.id}/agendapunten`, { body: { opschalingId: escalationId } }), 'agenda item').id);
  ok(await coordinator.request('POST', `/v1/opschalingen/${escalationId}/opvolging`, { body: { tijdstip: '2026-03-01T09:00:00Z', notitie: 'Navragen' } }), 'follow-up A');
  const second = ok(await coordinator.request('POST', '/v1/expertoverleggen', { body: { tijdstip: '2026-03-10T14:00:00+01:00' } }), 'meeting 2');
  world.meetings.push(second.id);

  // B: a household without birth dates, with break-the-glass by a colleague elsewhere.
  const b = ok(await mw.request('POST', '/v1/casussen', { body: household }), 'case B');
  world.cases.push(b.id);
  world.members.push(...(b.leden as { id: string }[]).map((m) => m.id));
  world.breakGlass.push(ok(await elsewhere.request('POST', `/v1/casussen/${b.id}/noodtoegang`, { body: { reden: 'Noodsituatie, regisseur onbereikbaar' } }), 'break-glass B').id);

  // C: another municipality's case.
  const c = ok(await wijchen.request('POST', '/v1/casussen', { body: { ...household, gemeente: 'Wijchen' } }), 'case C');
  world.cases.push(c.id);

  // D: walked to aftercare, closed after the stability period; B and C pass their deadline meanwhile.
  const d = ok(await mw.request('POST', '/v1/casussen', { body: household }), 'case D');
  world.cases.push(d.id);
  const dVersion = await walkToNazorg(mw, d.id, 1);
  t.clock.advance(100 * 86_400_000);
  await fireDueTimers({ db: t.database.handle.db, clock: t.clock });
  await close(mw, d.id, dVersion);
  const queue = ok(await coordinator.get('/v1/opschalingen'), 'queue').opschalingen as { id: string }[];
  world.escalations.push(...queue.map((x) => x.id));

  // Policy, a webhook subscription, an inbound message (which opens case E).
  ok(await clientFor(t, claims('regiobeheerder')).request('POST', '/v1/beleid', { body: { drempel: 6, vensterMaanden: 3, stabiliteitMaanden: 3, herinneringDagenVoorDeadline: 14, reden: 'Beginbeleid' } }), 'policy');
  world.subscriptions.push(
    ok(await admin.request('POST', '/v1/abonnementen', { body: { organisatie: 'Gemeente Nijmegen', url: 'http://127.0.0.1:9/hook', gebeurtenissen: ['casus.fase-gewijzigd', 'casus.opgeschaald'], gemeenten: ['Nijmegen'] } }), 'subscription').id,
  );
  const receipt = ok(
    await vt.request('POST', '/v1/berichten', {
      headers: { 'idempotency-key': 'hostile-setup-1' },
      body: {
        type: 'overdracht',
        gemeente: 'Nijmegen',
        bron: 'veilig-thuis',
        leden: [{ naam: PII_NAMES[2], geboortedatum: '1990-03-04', bsn: PII_BSNS[0], relatie: 'ouder', betrokkenheid: ['slachtoffer'] }],
        veiligheidsinschatting: { score: 3, toelichting: 'Acuut onveilig' },
        regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' },
      },
    }),
    'message',
  );
  world.messages.push(receipt.id);
  if (receipt.casusId) world.cases.push(receipt.casusId);
  // An incident about a household without a case waits in Nijmegen's intake (issue 16).
  const waiting = ok(
    await vt.request('POST', '/v1/berichten', {
      headers: { 'idempotency-key': 'hostile-setup-2' },
      body: { type: 'incident', gemeente: 'Nijmegen', personen: [{ naam: 'Zonder Casus', geboortedatum: '1991-01-01' }], tijdstip: t.clock.now().toISOString(), soort: 'fysiek', omschrijving: 'Politiemelding' },
    }),
    'intake message',
  );
  world.messages.push(waiting.id);
  world.intake.push(waiting.intakeId);
  for (const client of [mw, admin]) {
    const items = ok(await client.get('/v1/werkvoorraad?status=alle&paginaGrootte=100'), 'werkvoorraad').items as { id: string }[];
    world.werkvoorraad.push(...items.map((item) => item.id));
  }
  if (world.werkvoorraad.length === 0) throw new Error('setup: no werkvoorraad item to aim at');
  return world;
}

/** Real ids for a path parameter; an unknown parameter fails the test (nothing skipped silently). */
function realIdsFor(world: World, path: string, param: string): readonly string[] {
  switch (param) {
    case 'id':
      if (path.startsWith('/v1/casussen/')) return world.cases;
      if (path.startsWith('/v1/opschalingen/')) return world.escalations;
      if (path.startsWith('/v1/expertoverleggen/')) return world.meetings;
      if (path.startsWith('/v1/berichten/')) return world.messages;
      if (path.startsWith('/v1/abonnementen/')) return world.subscriptions;
      if (path.startsWith('/v1/noodtoegang/')) return world.breakGlass;
      if (path.startsWith('/v1/intake/')) return world.intake;
      if (path.startsWith('/v1/werkvoorraad/')) return world.werkvoorraad;
      // Issue 18 point 4: no review of an MDA++ track is due in this world (none is three months in): refused (404), never a 5xx.
      if (path.startsWith('/v1/mda-evaluaties/')) return ['00000000-0000-4000-8000-000000000002'];
      break;
    case 'berichtId':
      return world.messages;
    case 'lidId':
      return world.members;
    case 'afspraakId':
      return world.agreements;
    case 'puntId':
      return world.items;
    // Issue 18 point 3: a case on a meeting's agenda, read by an expert; experts by the sub of their token.
    case 'casusId':
      return world.cases;
    case 'expertId':
      return ['mw-005', 'onbekend-1'];
    case 'betrokkeneId':
      return world.involvements;
    case 'notitieId':
      return world.notes;
    case 'voorstelId':
      // No proposal for the analysis waits in this world: an adoption is refused (404), never a 5xx.
      return ['00000000-0000-4000-8000-000000000001'];
    case 'versie':
      return ['1', '2', '3'];
    // Issue 17: the letters, the inzage exports and the items of their documents.
    case 'soort':
      return LETTER_KINDS;
    case 'verzoekId':
      return world.exports;
    case 'onderdeelId':
      return [...world.exportItems, 'gebeurtenis-9999'];
    case 'file':
      return ['common.js', 'app.css', 'coordinator.js', 'inzichten.js', 'coordinator.html', 'config.json'];
    case 'wildcard':
      return ['index.html', 'swagger-initializer.js', 'swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png'];
    case 'sub':
      // Professionals in the directory (they called), of Nijmegen, Wijchen, and one nobody knows.
      if (path.startsWith('/v1/medewerkers/')) return ['mw-001', 'mw-005', 'mw-009', 'mda-001', 'onbekend-1'];
      break;
  }
  throw new Error(`no real values for path parameter ${param} of ${path}: add them to realIdsFor`);
}

function schemaContext(document: OpenApiDocument, world: World): SchemaContext {
  const municipalities = ['Nijmegen', 'Wijchen', 'Arnhem'];
  const organisations = ['Sociaal Wijkteam Nijmegen', 'Politie Oost-Nederland', 'Veilig Thuis Gelderland-Zuid', 'GGZ'];
  const hints: Record<string, readonly string[]> = {
    gemeente: municipalities,
    'gemeenten[]': municipalities,
    organisatie: organisations,
    naam: organisations,
    id: ['mw-001', 'mw-002', 'mw-009', 'agent-12'],
    regisseur: ['mw-001', 'mw-009'],
    medewerker: ['mw-001', 'mda-001'],
    reden: ['Noodsituatie, regisseur onbereikbaar', 'Stabiel veilig, nazorg afgerond'],
    grondslag: ['Wmo 2015', 'Wpg art. 16'],
    rol: ['politie', 'collega'],
  };
  return {
    resolve: (ref) => {
      const schema = document.components?.schemas?.[ref.replace('#/components/schemas/', '')];
      if (!schema) throw new Error(`unresolvable $ref ${ref}`);
      return schema;
    },
    ids: (property) => ({ lidId: world.members, lid: world.members, opschalingId: world.escalations, casusId: world.cases, id: world.agreements })[property] ?? [],
    hints: (property) => hints[property] ?? [],
  };
}

// --------------------------------------------------------------------------------------------
// Generated requests
// --------------------------------------------------------------------------------------------

interface PathValue {
  readonly value: string;
  /** Put in the URL as it is (`../`, `%00`), not percent-encoded. */
  readonly raw: boolean;
}

interface Body {
  readonly kind: string;
  readonly contentType: string | undefined;
  readonly payload: Raw | undefined;
}

interface HostileRequest {
  readonly method: string;
  readonly caller: Caller;
  readonly path: readonly PathValue[];
  readonly query: readonly (readonly [string, string, boolean])[];
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Body;
}

const RAW_PATH_PIECES = ['../', '..', '.', '%00', '%', '%E0%A4%A', '%2e%2e%2f', '..%2f..%2fpackage.json', '..%252f', '//', ';x=1', '?x=1', '#x', '%2F', '%u0000', '%C0%AE%C0%AE%2F', 'a/b', '*', '%20', '%ff%fe', '.%2e/.%2e/etc/passwd'];
const NUMBER_TEXT = ['0', '-1', '1.5', '1e3', '99999999999999999999999', '9007199254740993', '0x10', ' 1', '1 ', '+1', '٣', 'NaN', 'Infinity'];
const IF_MATCH = ['*', 'W/"1"', '"1", "2"', '1', '""', '"0"', '"-1"', '"1.5"', '"1e3"', '"99999999999999999999"', '" 1"', '"0x10"', 'null', `"${'9'.repeat(400)}"`, '"1', '1"'];
const ACCEPT = ['application/json', 'text/html', 'text/csv', '*/*', 'application/xml', 'text/html;q=0, */*;q=0', 'application/problem+json', 'application/json;q=0', 'image/png', '', 'text/*', 'text/html, text/csv', 'text/csv;q=1, application/json;q=0.1'];
const EXTRA_HEADERS: readonly (readonly [string, string])[] = [
  ['x-http-method-override', 'DELETE'],
  ['x-forwarded-for', "' OR 1=1 --"],
  ['x-forwarded-host', 'evil.example'],
  ['content-encoding', 'gzip'],
  ['origin', 'https://evil.example'],
  ['cookie', 'session=../../etc/passwd'],
  ['range', 'bytes=0-1'],
  ['if-none-match', '*'],
  ['expect', '100-continue'],
  ['content-length', '3'],
  ['api-version', '99'],
];
const JSON_TYPES = ['application/json; charset=utf-8', 'application/json; charset=latin1', 'application/json;charset=utf-16', 'APPLICATION/JSON', 'application/merge-patch+json', 'application/json; foo=bar; foo=baz', 'application/json ; charset=UTF-8'];
const WRONG_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=----x', 'application/xml', 'text/html', '', 'application/problem+json', '*/*', 'application/json, text/plain', 'application/jsonp', 'application/json-patch+json', 'application/octet-stream', 'json', '; charset=utf-8'];

/** Header values as they can arrive on the wire (latin1, no CR/LF/NUL). */
const onTheWire = (value: string) => value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
const jsonContentType = fc.oneof({ weight: 12, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom(...JSON_TYPES) });
const rawJson = (value: unknown) => new Raw(describeJson(value), () => toJsonText(value));
const rawText = (text: string) => new Raw(JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…(${text.length})` : text), () => text);

function pathValueArb(world: World, op: Operation, param: string): fc.Arbitrary<PathValue> {
  const real = realIdsFor(world, op.path, param);
  const everyId = [...world.cases, ...world.members, ...world.escalations, ...world.meetings, ...world.items, ...world.agreements];
  const encoded = (arb: fc.Arbitrary<string>) => arb.map((value) => ({ value, raw: false }));
  return fc.oneof(
    { weight: 6, arbitrary: encoded(fc.constantFrom(...real)) },
    { weight: 2, arbitrary: encoded(fc.uuid()) },
    { weight: 1, arbitrary: encoded(fc.constantFrom(ZERO_UUID, ...everyId)) },
    { weight: 3, arbitrary: encoded(hostileString) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_PATH_PIECES).map((value) => ({ value, raw: true })) },
    { weight: 1, arbitrary: encoded(fc.integer({ min: 101, max: 20_000 }).map((n) => 'a'.repeat(n))) },
    { weight: 1, arbitrary: encoded(fc.constantFrom(...NUMBER_TEXT)) },
  );
}

function queryArb(op: Operation, ctx: SchemaContext): fc.Arbitrary<(readonly [string, string, boolean])[]> {
  const value = (schema: JsonSchema) =>
    fc.oneof(
      { weight: 3, arbitrary: validValue(schema, ctx, ['query']).map((v) => String(v)) },
      { weight: 3, arbitrary: hostileString },
      { weight: 1, arbitrary: fc.constantFrom('', ...NUMBER_TEXT) },
    );
  const raw = fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
  const declared = op.queryParams.map(({ name, schema }) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as (readonly [string, string, boolean])[]) },
      { weight: 4, arbitrary: fc.tuple(value(schema), raw).map(([v, r]) => [[name, v, r] as const]) },
      // The same key twice: an array where a string is expected.
      { weight: 1, arbitrary: fc.tuple(value(schema), value(schema)).map(([v, w]) => [[name, v, false] as const, [name, w, false] as const]) },
    ),
  );
  const unknown = fc.array(
    fc.tuple(fc.oneof(fc.constantFrom('__proto__[x]', 'constructor[prototype][x]', 'fase[]', 'x', 'pagina[$gt]', 'q'), hostileKey), hostileString, raw),
    { maxLength: 2 },
  );
  return fc.tuple(fc.tuple(...declared), fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: unknown })).map(([parts, extra]) => [...parts.flat(), ...extra]);
}

const headersArb: fc.Arbitrary<(readonly [string, string])[]> = fc
  .record({
    ifMatch: fc.option(
      fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 15 }).map((n) => `"${n}"`) }, { weight: 2, arbitrary: fc.constantFrom(...IF_MATCH) }, { weight: 1, arbitrary: hostileString.map(onTheWire) }),
      { freq: 2 },
    ),
    idempotencyKey: fc.option(
      fc.oneof(
        { weight: 3, arbitrary: fc.uuid() },
        // Fixed keys come back with other bodies: replays and mismatches.
        { weight: 2, arbitrary: fc.constantFrom('hostile-fixed-1', 'hostile-fixed-2', 'hostile-setup-1') },
        { weight: 1, arbitrary: hostileString.map(onTheWire) },
        { weight: 1, arbitrary: fc.integer({ min: 256, max: 2000 }).map((n) => 'k'.repeat(n)) },
      ),
      { freq: 3 },
    ),
    accept: fc.option(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ACCEPT) }, { weight: 1, arbitrary: hostileString.map(onTheWire) }), { freq: 2 }),
    requestId: fc.option(hostileString.map(onTheWire), { freq: 6 }),
    extra: fc.option(fc.constantFrom(...EXTRA_HEADERS), { freq: 6 }),
  })
  .map(({ ifMatch, idempotencyKey, accept, requestId, extra }) => [
    ...(ifMatch === null ? [] : [['if-match', ifMatch] as const]),
    ...(idempotencyKey === null ? [] : [['idempotency-key', idempotencyKey] as const]),
    ...(accept === null ? [] : [['accept', accept] as const]),
    ...(requestId === null ? [] : [['x-request-id', requestId] as const]),
    ...(extra === null ? [] : [extra]),
  ]);

function bodyArb(op: Operation, ctx: SchemaContext): fc.Arbitrary<Body> {
  const valid = op.bodySchema ? validValue(op.bodySchema, ctx) : fc.constant<unknown>({});
  const json = (kind: string, arb: fc.Arbitrary<unknown>): fc.Arbitrary<Body> => fc.tuple(arb, jsonContentType).map(([value, contentType]) => ({ kind, contentType, payload: rawJson(value) }));
  const text = (kind: string, arb: fc.Arbitrary<string>, contentType: fc.Arbitrary<string | undefined>): fc.Arbitrary<Body> =>
    fc.tuple(arb, contentType).map(([t, type]) => ({ kind, contentType: type, payload: rawText(t) }));
  const takesBody = op.bodySchema !== undefined;
  return fc.oneof(
    { weight: takesBody ? 2 : 60, arbitrary: fc.constant<Body>({ kind: 'geen body', contentType: undefined, payload: undefined }) },
    { weight: 10, arbitrary: json('geldig', valid) },
    { weight: 18, arbitrary: json('gemuteerd', fc.tuple(valid, fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([v, mutations]) => mutate(v, mutations))) },
    { weight: 4, arbitrary: json('willekeurige JSON', fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }))) },
    {
      weight: 4,
      arbitrary: json('diep genest', fc.oneof(deepNodeArb, fc.tuple(valid, deepNodeArb, fc.nat()).map(([v, deep, pick]) => mutate(v, [{ pick, kind: 'replace', key: '', value: deep }])))),
    },
    { weight: 1, arbitrary: json('enorme string', fc.tuple(valid, hugeStringNode, fc.nat()).map(([v, huge, pick]) => mutate(v, [{ pick, kind: 'replace', key: '', value: huge }]))) },
    {
      weight: 4,
      arbitrary: text('ongeldige JSON', fc.oneof(fc.constantFrom(...BROKEN_JSON), fc.tuple(valid, fc.nat()).map(([v, n]) => toJsonText(v).slice(0, n % Math.max(1, toJsonText(v).length)))), jsonContentType),
    },
    {
      // A key twice: JSON.parse keeps the last, hostile value.
      weight: 2,
      arbitrary: text(
        'dubbele sleutel',
        fc.tuple(valid, hostileJsonValue).map(([v, hostile]) => {
          const body = toJsonText(v);
          const key = v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v)[0] : undefined;
          return key === undefined ? body : `${body.slice(0, -1)},${JSON.stringify(key)}:${toJsonText(hostile)}}`;
        }),
        jsonContentType,
      ),
    },
    { weight: 4, arbitrary: text('verkeerd Content-Type', valid.map(toJsonText), fc.oneof(fc.constantFrom(...WRONG_TYPES), hostileString.map(onTheWire))) },
    { weight: 2, arbitrary: text('zonder Content-Type', valid.map(toJsonText), fc.constant(undefined)) },
    { weight: 2, arbitrary: text('lege body', fc.constantFrom('', ' ', '\n'), jsonContentType) },
  );
}

/** If-Match with the case's current version, looked up when the request is sent. */
const CURRENT_ETAG = '<huidige ETag>';

/**
 * A caller who may call the operation, real ids, valid query parameters and the current If-Match: only
 * the body is hostile (or valid), so requests get past the gates to validation, the use-case and storage.
 */
function realisticRequestArb(world: World, op: Operation, ctx: SchemaContext, allowed: Caller[]): fc.Arbitrary<HostileRequest> {
  const valid = op.bodySchema ? validValue(op.bodySchema, ctx) : fc.constant<unknown>({});
  const json = (kind: string, arb: fc.Arbitrary<unknown>): fc.Arbitrary<Body> => arb.map((value) => ({ kind, contentType: 'application/json', payload: rawJson(value) }));
  const body: fc.Arbitrary<Body> = op.bodySchema
    ? fc.oneof(
        { weight: 2, arbitrary: json('geldig', valid) },
        // Valid by the schema, with hostile text (lone surrogates, SQL, markup, control characters) in half the text fields.
        { weight: 2, arbitrary: json('geldig, vijandige tekst', validValue(op.bodySchema, { ...ctx, hostileText: 2 })) },
        { weight: 3, arbitrary: json('gemuteerd', fc.tuple(valid, fc.array(mutationArb, { minLength: 1, maxLength: 2 })).map(([v, mutations]) => mutate(v, mutations))) },
        { weight: 1, arbitrary: json('diep genest', fc.oneof(deepNodeArb, fc.tuple(valid, deepNodeArb, fc.nat()).map(([v, deep, pick]) => mutate(v, [{ pick, kind: 'replace', key: '', value: deep }])))) },
        { weight: 1, arbitrary: bodyArb(op, ctx) },
      )
    : fc.constant<Body>({ kind: 'geen body', contentType: undefined, payload: undefined });
  const caseWrite = op.path.startsWith('/v1/casussen/{id}') && op.method !== 'GET';
  const headers = fc
    .tuple(fc.option(fc.constantFrom(...ACCEPT.slice(0, 3)), { freq: 3 }), fc.uuid())
    .map(([accept, key]) => [
      ...(caseWrite ? [['if-match', CURRENT_ETAG] as const] : []),
      ...(op.key === 'POST /v1/berichten' ? [['idempotency-key', key] as const] : []),
      ...(accept === null ? [] : [['accept', accept] as const]),
    ]);
  const query = fc
    .tuple(...op.queryParams.map(({ name, schema }) => fc.option(validValue(schema, ctx, ['query', name]).map((v) => [name, String(v), false] as const), { freq: 2 })))
    .map((parts) => parts.filter((part) => part !== null));
  // The regisseur of most of the world's cases, when the operation allows them: more requests reach the case.
  const regisseur = allowed.find((c) => c.label === REGISSEUR);
  return fc.record({
    method: fc.constant(op.method),
    caller: regisseur ? fc.oneof({ weight: 1, arbitrary: fc.constant(regisseur) }, { weight: 1, arbitrary: fc.constantFrom(...allowed) }) : fc.constantFrom(...allowed),
    path: fc.tuple(...op.pathParams.map((param) => fc.constantFrom(...realIdsFor(world, op.path, param)).map((value) => ({ value, raw: false })))),
    query,
    headers,
    body,
  });
}

function requestArb(world: World, op: Operation, ctx: SchemaContext, callers: { allowed: Caller[]; named: Caller[]; hostile: Caller[] }): fc.Arbitrary<HostileRequest> {
  // Reads take no body, so a realistic read only repeats a successful one (and costs the most time): fewer of them.
  const realistic = op.method === 'GET' ? 1 : 3;
  return fc.oneof(
    { weight: realistic, arbitrary: realisticRequestArb(world, op, ctx, callers.allowed.length > 0 ? callers.allowed : callers.named) },
    { weight: 10 - realistic, arbitrary: hostileRequestArb(world, op, ctx, callers) },
  );
}

function hostileRequestArb(world: World, op: Operation, ctx: SchemaContext, callers: { allowed: Caller[]; named: Caller[]; hostile: Caller[] }): fc.Arbitrary<HostileRequest> {
  const others = METHODS.filter((m) => m !== op.method);
  const method =
    op.method === 'GET'
      ? fc.oneof({ weight: 16, arbitrary: fc.constant('GET') }, { weight: 3, arbitrary: fc.constant('HEAD') }, { weight: 1, arbitrary: fc.constantFrom(...others) })
      : fc.oneof({ weight: 19, arbitrary: fc.constant(op.method) }, { weight: 1, arbitrary: fc.constantFrom(...others) });
  return fc.record({
    method,
    caller: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...(callers.allowed.length > 0 ? callers.allowed : callers.named)) },
      { weight: 3, arbitrary: fc.constantFrom(...callers.named) },
      { weight: 2, arbitrary: fc.constantFrom(...callers.hostile) },
    ),
    path: fc.tuple(...op.pathParams.map((param) => pathValueArb(world, op, param))),
    query: queryArb(op, ctx),
    headers: headersArb,
    body: bodyArb(op, ctx),
  });
}

// --------------------------------------------------------------------------------------------
// Sending and judging
// --------------------------------------------------------------------------------------------

/** encodeURIComponent, but lone surrogates as their (invalid) UTF-8 bytes instead of a URIError. */
function encodeComponent(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(char);
  }
  return out;
}

interface Rendered {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload: string | undefined;
  readonly request: HostileRequest;
}

function render(op: Operation, request: HostileRequest, currentEtag: string): Rendered {
  let index = 0;
  const path = op.path.replace(/\{[^}]+\}/g, () => {
    const part = request.path[index++];
    if (!part) return '';
    return part.raw ? part.value : encodeComponent(part.value);
  });
  const query = request.query.map(([key, value, raw]) => (raw ? `${key}=${value}` : `${encodeComponent(key)}=${encodeComponent(value)}`)).join('&');
  const headers: Record<string, string> = {};
  if (request.caller.authorization !== undefined) headers.authorization = request.caller.authorization;
  if (request.body.contentType !== undefined) headers['content-type'] = request.body.contentType;
  for (const [name, value] of request.headers) headers[name] = value === CURRENT_ETAG ? currentEtag : value;
  return { method: request.method, url: query ? `${path}?${query}` : path, headers, payload: request.body.payload?.text(), request };
}

const serverErrors: string[] = [];

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…(${text.length} tekens)` : text);

function describeExchange(rendered: Rendered, response: LightMyRequestResponse | undefined): string {
  const { authorization: _authorization, ...headers } = rendered.headers;
  const lines = [
    `${rendered.method} ${cut(rendered.url, 300)}`,
    `  aanroeper: ${rendered.request.caller.label}`,
    `  headers: ${cut(JSON.stringify(headers), 400)}`,
    `  body (${rendered.request.body.kind}): ${rendered.payload === undefined ? '(geen)' : cut(JSON.stringify(rendered.payload), 500)}`,
  ];
  if (response) {
    lines.push(`  -> ${response.statusCode} ${String(response.headers['content-type'] ?? '(geen content-type)')}`, `  antwoord: ${cut(response.body, 600)}`);
    const requestId = String(response.headers['x-request-id'] ?? '');
    const logged = requestId ? serverErrors.filter((line) => line.includes(requestId)) : [];
    for (const line of logged) lines.push(`  serverlog: ${cut(line, 1200)}`);
  }
  return lines.join('\n');
}

const PII = [...PII_NAMES, ...PII_BSNS];

function judge(op: Operation, rendered: Rendered, response: LightMyRequestResponse, before: Journal, after: Journal): string[] {
  const problems: string[] = [];
  const status = response.statusCode;
  const contentType = String(response.headers['content-type'] ?? '');
  if (status >= 500) problems.push(`status ${status}: a server error`);
  else if (status >= 400 && !ALLOWED_ERRORS.has(status)) problems.push(`status ${status} is not one of the expected client errors`);

  if (status >= 400) {
    if (!contentType.startsWith('application/problem+json')) problems.push(`an error with content-type "${contentType}", not application/problem+json`);
    if (rendered.method !== 'HEAD') {
      let body: Record<string, unknown> | undefined;
      try {
        body = JSON.parse(response.body) as Record<string, unknown>;
      } catch {
        problems.push('an error whose body is not JSON');
      }
      if (body) {
        if (body.status !== status) problems.push(`problem.status ${String(body.status)} differs from the HTTP status ${status}`);
        if (typeof body.title !== 'string' || body.title.trim() === '') problems.push('problem without a title');
        if (typeof body.code !== 'string' || body.code === '') problems.push('problem without a code');
        if (typeof body.type !== 'string') problems.push('problem without a type');
      }
    }
    if (status === 405 && !response.headers.allow) problems.push('405 without an Allow header');
    // Personal data from the request never comes back in a refusal.
    const sent = rendered.payload ?? '';
    for (const value of PII) if (sent.includes(value) && response.body.includes(value)) problems.push(`the refusal repeats personal data from the request: ${value}`);
  }

  if (contentType.startsWith('text/html')) {
    for (const fragment of SCRIPT_FRAGMENTS) if (response.body.includes(fragment)) problems.push(`an HTML answer carries a script unescaped: ${fragment}`);
  }
  if (/root:x:0:0|"packageManager"|BEGIN (RSA |EC )?PRIVATE KEY/.test(response.body)) problems.push('the answer holds a file from outside the served assets');

  const safe = rendered.method === 'GET' || rendered.method === 'HEAD';
  if (status >= 400 || safe) {
    const writes = writesBetween(before, after);
    // Refusals are logged by design (NEN 7513): one row at most.
    const logged = writes.get('access_log') ?? 0;
    writes.delete('access_log');
    if (status >= 400 && logged > 1) problems.push(`a refusal added ${logged} access-log rows`);
    // A verified caller is kept in the directory of professionals by design (issue 16 point 14): one row at most.
    const sighted = writes.get('professionals') ?? 0;
    writes.delete('professionals');
    if (sighted > 1) problems.push(`a request wrote ${sighted} directory rows`);
    // A refused inbound message keeps its receipt and its idempotency key (with the stored refusal) by design.
    if (status >= 400 && op.key === 'POST /v1/berichten' && rendered.method === 'POST') {
      writes.delete('messages:afgewezen');
      writes.delete('idempotency_keys');
    }
    if (writes.size > 0) {
      problems.push(`the database was written (${[...writes].map(([entry, n]) => `${entry}: ${n} rows`).join(', ')}) by a ${status >= 400 ? 'refused' : rendered.method} request`);
    }
  }
  return problems;
}

// --------------------------------------------------------------------------------------------
// The test
// --------------------------------------------------------------------------------------------

async function etagOf(db: pg.Client, caseId: string | undefined): Promise<string> {
  const result = await db.query<{ version: number }>('SELECT version FROM cases WHERE id::text = $1', [caseId ?? '']);
  return `"${result.rows[0]?.version ?? 1}"`;
}

/** FNV-1a: a per-operation seed from the run's seed, so operations do not draw the same choices. */
function seedFor(key: string): number {
  let hash = 0x811c9dc5;
  for (const char of key) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193);
  return (SEED ^ hash) | 0;
}

describe('hostile input on every route', () => {
  let t: TestApp;
  let db: pg.Client;
  let world: World;
  let document: OpenApiDocument;
  let tables: string[];

  beforeAll(async () => {
    // Error logs kept, so that a 5xx in a report comes with the server's own account of it (by request id).
    const logger = pino(
      { level: 'error' },
      {
        write: (line: string) => {
          serverErrors.push(line);
          if (serverErrors.length > 100) serverErrors.shift();
        },
      },
    );
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '1000000' }, logger });
    db = new pg.Client({ connectionString: t.database.url });
    await db.connect();
    world = await buildWorld(t);
    tables = await installWriteJournal(db);
    const response = await t.app.inject({ method: 'GET', url: '/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    document = response.json();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('the write journal covers every table', async () => {
    expect(await journalledTables(db)).toEqual(tables);
    expect(tables).toEqual(expect.arrayContaining(['cases', 'case_events', 'timers', 'escalations', 'expert_meetings', 'expert_meeting_items', 'messages', 'idempotency_keys', 'case_involvements', 'break_glass_grants', 'subscriptions', 'deliveries', 'policy_versions', 'household_keys', 'case_followers', 'access_log']));
  });

  it('a member whose name is a script, and a professional whose id is one, are shown escaped in the Dutch HTML inzage', async () => {
    const regisseur = clientFor(t, CASE_MANAGER);
    // A professional (a token from the identity provider) whose sub is a script reads case A by break-the-glass:
    // the inzage lists who saw the member's data.
    const scripted = clientFor(t, { sub: SCRIPT_FRAGMENTS[1], rol: 'lokaal-team', organisatie: SCRIPT_FRAGMENTS[2], gemeenten: ['Nijmegen'] });
    const caseA = world.cases[0] ?? '';
    expect((await scripted.request('POST', `/v1/casussen/${caseA}/noodtoegang`, { body: { reden: `Noodsituatie ${SCRIPT_FRAGMENTS[0]}` } })).statusCode).toBe(201);
    expect((await scripted.get(`/v1/casussen/${caseA}`)).statusCode).toBe(200);
    const pages: string[] = [];
    for (const caseId of world.cases) {
      const members = (await regisseur.get(`/v1/casussen/${caseId}`)).json().leden as { id: string }[] | undefined;
      for (const member of members ?? []) {
        // Issue 17 point 10: prepared and released by the regisseur first, then downloaded as the Dutch HTML.
        const page = await releasedInzage(regisseur, caseId, member.id, 'text/html');
        if (page.statusCode === 200 && String(page.headers['content-type']).startsWith('text/html')) pages.push(page.body);
      }
    }
    // Case A has a member named <script>alert("…")</script> (see buildWorld).
    expect(pages.some((page) => page.includes(`&lt;script&gt;alert(`))).toBe(true);
    expect(pages.some((page) => page.includes('onerror=alert(') || page.includes('onerror&#61;alert('))).toBe(true);
    for (const page of pages) for (const fragment of SCRIPT_FRAGMENTS) expect(page).not.toContain(fragment);
  });

  it('never a 5xx, always problem+json, the database unchanged by refusals', async () => {
    const { operations: documented, unsupported } = documentedOperations(document);
    expect(unsupported, 'operations whose requests this test cannot generate').toEqual([]);

    // Routes the document leaves out (the docs, web pages, assets) are exercised too, as operations of their own.
    const documentedKeys = new Set(documented.map((op) => op.key));
    const undocumented: Operation[] = [];
    for (const route of registeredRoutes(t.app.printRoutes({ commonPrefix: false }))) {
      for (const method of route.methods) {
        if (method === 'HEAD' && route.methods.includes('GET')) continue; // HEAD is sent to every GET operation
        const key = `${method} ${route.path}`;
        if (!documentedKeys.has(key)) undocumented.push({ key, method, path: route.path, documented: false, pathParams: templateParams(route.path), queryParams: [], bodySchema: undefined });
      }
    }
    expect(documented.length).toBeGreaterThan(50);
    expect(undocumented.length).toBeGreaterThan(5);
    const registered = new Set(registeredRoutes(t.app.printRoutes({ commonPrefix: false })).flatMap((r) => r.methods.map((m) => `${m} ${r.path}`)));
    expect(documented.filter((op) => !registered.has(op.key)).map((op) => op.key), 'documented operations without a route').toEqual([]);

    // Writes last, deletions at the very end: the world's ids stay valid as long as they can.
    const order = (op: Operation) => (op.method === 'DELETE' ? 2 : op.method === 'GET' ? 0 : 1);
    const all = [...documented, ...undocumented].sort((x, y) => order(x) - order(y));
    const selected = ONLY_OPERATION ? all.filter((op) => op.key === ONLY_OPERATION) : all;
    expect(selected.length, `HOSTILE_OPERATION=${ONLY_OPERATION ?? ''} matches no operation`).toBeGreaterThan(0);

    const documentedRuns = Math.max(1, Math.ceil((TOTAL_RUNS - undocumented.length * RUNS_PER_UNDOCUMENTED_ROUTE) / documented.length));
    const runsFor = (op: Operation) => (op.documented ? documentedRuns : RUNS_PER_UNDOCUMENTED_ROUTE);
    const plannedRuns = selected.reduce((sum, op) => sum + runsFor(op), 0);
    console.log(`hostile-input seed=${SEED} runs=${plannedRuns}`);

    // Who may call what, learned from the app: a caller is refused a route by role with auth.rol-niet-toegestaan.
    const named = Object.entries(NAMED_CLAIMS).map(([label, claims]) => caller(label, `Bearer ${t.token(claims)}`));
    const hostile = hostileCallers(t);
    const allowedCallers = new Map<string, Caller[]>();
    const probeStarted = performance.now();
    const roleOf = (label: string) => NAMED_CLAIMS[label]?.rol;
    for (const op of selected) {
      // A role the route refuses answers 403 auth.rol-niet-toegestaan, naming the roles it allows.
      let allowedRoles: string[] | undefined;
      for (const role of ['ketenpartner', 'auditor', 'beleid']) {
        const candidate = named.find((c) => roleOf(c.label) === role);
        const probe = await t.app.inject({
          method: op.method as InjectOptions['method'],
          url: op.path.replace(/\{versie\}/, '1').replace(/\{[^}]+\}/g, ZERO_UUID),
          headers: { authorization: candidate?.authorization ?? '', ...(op.bodySchema ? { 'content-type': 'application/json' } : {}) },
          ...(op.bodySchema ? { payload: '{}' } : {}),
        });
        const refusal = probe.statusCode === 403 && probe.body.includes('auth.rol-niet-toegestaan') ? /toegestaan: ([^.]*)\./.exec(String(probe.json().detail)) : null;
        if (refusal?.[1]) {
          allowedRoles = refusal[1].split(',').map((r) => r.trim());
          break;
        }
      }
      // No refusal by role: any caller with a valid token (or none) may call it.
      allowedCallers.set(op.key, named.filter((c) => allowedRoles === undefined || allowedRoles.includes(roleOf(c.label) ?? '')));
    }

    if (DEBUG) console.log(`probe: ${(performance.now() - probeStarted).toFixed(0)} ms`);
    const ctx = schemaContext(document, world);
    const stats = new Map<string, { requests: number; statuses: Map<number, number> }>();
    let total = 0;
    let baseline = await readJournal(db);
    const failures: string[] = [];
    const runStarted = performance.now();

    for (const op of selected) {
      const entry = { requests: 0, statuses: new Map<number, number>() };
      stats.set(op.key, entry);
      const property = fc.asyncProperty(requestArb(world, op, ctx, { allowed: allowedCallers.get(op.key) ?? [], named, hostile }), async (request) => {
        const started = performance.now();
        const currentEtag = request.headers.some(([, value]) => value === CURRENT_ETAG) ? await etagOf(db, request.path[0]?.value) : '';
        const rendered = render(op, request, currentEtag);
        const before = baseline;
        let response: LightMyRequestResponse;
        try {
          response = await t.app.inject({ method: rendered.method as InjectOptions['method'], url: rendered.url, headers: rendered.headers, ...(rendered.payload === undefined ? {} : { payload: rendered.payload }) });
        } catch (error) {
          baseline = await readJournal(db);
          throw new Error(`${describeExchange(rendered, undefined)}\n  inject() threw: ${String(error)}`, { cause: error });
        }
        const after = await readJournal(db);
        baseline = after;
        total += 1;
        entry.requests += 1;
        entry.statuses.set(response.statusCode, (entry.statuses.get(response.statusCode) ?? 0) + 1);
        if (DEBUG) {
          spentInRequests += performance.now() - started;
          const perOperation = timing.get(`operatie ${op.key}`) ?? { n: 0, ms: 0 };
          timing.set(`operatie ${op.key}`, { n: perOperation.n + 1, ms: perOperation.ms + performance.now() - started });
          const kind = `${request.body.kind} ${response.statusCode}`;
          const spent = timing.get(kind) ?? { n: 0, ms: 0 };
          timing.set(kind, { n: spent.n + 1, ms: spent.ms + performance.now() - started });
        }
        const problems = judge(op, rendered, response, before, after);
        if (problems.length > 0 && EXPLORE) {
          // Exploring: every distinct kind of failure once, without stopping at the first.
          const signature = `${op.key} ${response.statusCode} ${problems.map((p) => p.replace(/\d+ rows/g, 'n rows')).join('; ').slice(0, 120)}`;
          if (!explored.has(signature)) explored.set(signature, `${problems.join('; ')}\n${describeExchange(rendered, response)}`);
        } else if (problems.length > 0) throw new Error(`${problems.join('; ')}\n${describeExchange(rendered, response)}`);
      });
      const details = await fc.check(property, { seed: seedFor(op.key), numRuns: runsFor(op), ...(REPLAY_PATH ? { path: REPLAY_PATH } : {}) });
      if (details.failed) {
        const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        failures.push(
          `### ${op.key}\nreplay: HOSTILE_SEED=${SEED} HOSTILE_OPERATION="${op.key}" HOSTILE_PATH="${details.counterexamplePath ?? ''}"\n${fc.defaultReportMessage(details) ?? ''}\nFout: ${error}`,
        );
      }
    }

    if (DEBUG) {
      console.log(`requests (render, inject, journal): ${spentInRequests.toFixed(0)} ms of ${(performance.now() - runStarted).toFixed(0)} ms`);
      console.log([...timing].sort((x, y) => y[1].ms - x[1].ms).map(([k, v]) => `${k}: ${v.n} × ${(v.ms / v.n).toFixed(1)} ms = ${v.ms.toFixed(0)} ms`).join('\n'));
      console.log([...stats].map(([k, v]) => `${k}: ${[...v.statuses].map(([s, n]) => `${s}×${n}`).join(' ')}`).join('\n'));
    }
    if (EXPLORE && explored.size > 0) throw new Error(`${explored.size} distinct failure(s):\n\n${[...explored].map(([signature, example]) => `### ${signature}\n${example}`).join('\n\n')}`);
    if (failures.length > 0) throw new Error(`${failures.length} operation(s) failed:\n\n${failures.join('\n\n')}`);
    if (REPLAY_PATH) return;
    // Nothing skipped: every operation got its requests, and the run its 10,000.
    const short = selected.filter((op) => (stats.get(op.key)?.requests ?? 0) < runsFor(op)).map((op) => `${op.key}: ${stats.get(op.key)?.requests ?? 0}`);
    expect(short, 'operations with fewer requests than planned').toEqual([]);
    if (!ONLY_OPERATION) expect(total).toBeGreaterThanOrEqual(10_000);
  }, 600_000);
});
