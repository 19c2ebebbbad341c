/**
 * Security finding 1 (and 12): no sealed value, and no organisation on the
 * victim's side, ever reaches a caller who may not see it, by any route or
 * export. Random callers (regisseur, network on each side with and without
 * grants, organisations, break-the-glass, beheerder, coordinator, partners,
 * integratie, auditor, policy staff) first try to change the sealed member,
 * then read every GET route of the OpenAPI document (with each member, as
 * JSON, HTML and CSV); the secrets may appear only in answers to those the
 * model below entitles. Webhook payloads in the outbox never carry them.
 * Notes (issue 17 point 4) of every visibility, marking, naming and author,
 * one withdrawn and one withheld from the inzage, are secrets too: each
 * note's text reaches only the callers the note model below entitles, by
 * any route (the list, one note, the timeline, the inzage, the ZGW export).
 * then read every GET route of the OpenAPI document (with each member, each
 * letter and each inzage export, as JSON, HTML, CSV and PDF read back with
 * pdf.js); the secrets may appear only in answers to those the model below
 * entitles, and a letter to or inzage of the member on the perpetrator's side
 * holds none of them nor any name of the victim's side, whoever asks (issue
 * 17). Webhook payloads in the outbox never carry them.
 */
import { LETTER_KINDS, ROLES, type Role } from '@veilig-samen/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, releasedInzage, toplist, type Client } from '../helpers/client.js';
import { pdfText } from '../helpers/pdf.js';
import { urlPaths } from '../helpers/openapi.js';

/**
 * The sealed member's secrets: her addresses and contact details, and what the regisseur recorded about reaching
 * and informing her (issue 17 point 6: a safe moment, why she is not informed yet), which follow the same rule.
 */
const SECRETS = ['Geheimstraat 17', '06-99887766', 'Schuiladres 3', 'geheim@example.org', 'zondagavond na achten', 'Onderduikt bij haar broer', 'Kindcentrum Schuilhoek'];
/** Where a child who is not sealed goes to school: still never shown on the perpetrator's side (issue 17: Handle with Care). */
const OPEN_SCHOOL = 'Basisschool De Open Deur';
/**
 * Issue 17 point 6: Cor refused consent to share with the neutral professional mw-002 and withdrew it for the
 * police: neither may see his data, by any route, after trying to record his consent themselves.
 */
const COR = ['Cor Teruggetrokken', '1977-07-07'];
const POLICE_OIN = '00000001111111110003';
const COR_REFUSED = { subs: ['mw-002'], oins: [POLICE_OIN] };
const REGISSEUR = 'mw-001';
/** People in the network: side and whether the regisseur granted them the sealed details. */
const NETWORK = [
  { sub: 'mw-002', zijde: 'neutraal', granted: false, notes: false },
  { sub: 'mw-003', zijde: 'slachtoffer', granted: true, notes: true },
  { sub: 'mw-004', zijde: 'pleger', granted: true, notes: true },
  { sub: 'mw-005', zijde: 'pleger', granted: false, notes: false },
] as const;
const BREAK_GLASS = 'mw-006';
const SUBS = [REGISSEUR, ...NETWORK.map((n) => n.sub), BREAK_GLASS, 'mw-007', 'mda-001', 'audit-1'];
const RECLASSERING = '00000001234567890001';
const SHELTER = '00000009876543210002';
const POLITIE = '00000001111111110003';
/** The organisations in the network (by OIN), their side and whether the regisseur granted them the notes. */
const ORGANISATIONS_IN_NETWORK = [
  { organisatie: 'Reclassering', oin: RECLASSERING, zijde: 'pleger', notes: true },
  { organisatie: 'Politie', oin: POLITIE, zijde: 'neutraal', notes: true },
  { organisatie: 'Vrouwenopvang De Veilige Haven', oin: SHELTER, zijde: 'slachtoffer', notes: false },
] as const;
/** The organisations a token can claim: a name (free text, proves nothing) and perhaps an OIN. */
const ORGANISATIONS = [
  { organisatie: 'Sociaal Wijkteam Nijmegen' },
  { organisatie: 'Reclassering', oin: RECLASSERING },
  { organisatie: 'Reclassering' },
  { organisatie: 'Vrouwenopvang De Veilige Haven' },
  { organisatie: 'Politie', oin: POLITIE },
  { organisatie: 'Elders', oin: SHELTER },
];
/** Everything that names the victim's side (finding 12): the shelter, its OIN, the victim-side professional, her organisation in the network and in her token. */
const VICTIM_SIDE = ['Vrouwenopvang De Veilige Haven', SHELTER, 'mw-003', 'Slachtofferhulp Gelderland', 'opvang-1', OPEN_SCHOOL];
/**
 * The timeline's sentences about what was recorded on reaching and informing the sealed member: never in a letter
 * to or the inzage of the member on the perpetrator's side (review of issue 17, H1), who reads them as that side does.
 */
const CONTACT_SENTENCES = ['om veiligheidsredenen niet over de casus is geïnformeerd', 'Voorkeur voor veilig contact'];

/**
 * On the perpetrator's side: in a role the network applies to (case managers, partners), named personally
 * there or acting for an organisation (by OIN) that is. Region-wide roles are not in a case's network.
 */
function perpetratorSide(role: Role, sub: string, oin: string | undefined): boolean {
  if (role !== 'lokaal-team' && role !== 'ketenpartner') return false;
  return NETWORK.find((n) => n.sub === sub)?.zijde === 'pleger' || oin === RECLASSERING;
}

/** Who may see the sealed member's address and contact: the model of sealing.ts, written out independently. */
function entitled(role: Role, sub: string, oin: string | undefined): boolean {
  if (role !== 'lokaal-team' || perpetratorSide(role, sub, oin)) return false;
  return sub === REGISSEUR || NETWORK.find((n) => n.sub === sub)?.granted === true;
}
const GRANTED: string[] = NETWORK.filter((n) => n.granted).map((n) => n.sub);

/** Cor's data is withheld from a caller the network names (personally, or by the OIN they act for) where he refused; never from the regisseur. */
function withheldCor(role: Role, sub: string, oin: string | undefined): boolean {
  if (!['lokaal-team', 'ketenpartner', 'integratie'].includes(role) || sub === REGISSEUR) return false;
  return COR_REFUSED.subs.includes(sub) || (oin !== undefined && COR_REFUSED.oins.includes(oin));
}

/** A note in the model: its text is a secret of its own (no text contains another). */
interface ModelNote {
  readonly tekst: string;
  readonly zichtbaarheid: 'regie' | 'netwerk';
  readonly voorPlegerzijde: boolean;
  readonly zichtbaarVoor: readonly string[];
  readonly auteur: string;
  readonly ingetrokken?: boolean;
  /** About Anna, and withheld from the inzage: its text is never in an inzage. */
  readonly achtergehouden?: boolean;
  /** About Cor too (every note is about Anna and Bram): not read by those Cor's data is withheld from (review finding H5). */
  readonly overCor?: boolean;
}
const NOTES: readonly ModelNote[] = [
  { tekst: 'NOTITIE-ALFA-7731', zichtbaarheid: 'regie', voorPlegerzijde: false, zichtbaarVoor: ['mw-002'], auteur: REGISSEUR },
  { tekst: 'NOTITIE-BRAVO-2284', zichtbaarheid: 'netwerk', voorPlegerzijde: false, zichtbaarVoor: [], auteur: REGISSEUR, overCor: true },
  // Names mw-002, from whom Cor's data is withheld: they do not read it.
  { tekst: 'NOTITIE-INDIA-5092', zichtbaarheid: 'regie', voorPlegerzijde: false, zichtbaarVoor: ['mw-002'], auteur: REGISSEUR, overCor: true },
  { tekst: 'NOTITIE-CHARLIE-9056', zichtbaarheid: 'netwerk', voorPlegerzijde: true, zichtbaarVoor: [], auteur: REGISSEUR },
  // Names the victim-side professional: the perpetrator's side reads the note but never that name (finding 12).
  { tekst: 'NOTITIE-DELTA-4410', zichtbaarheid: 'regie', voorPlegerzijde: true, zichtbaarVoor: ['mw-005', 'mw-003'], auteur: REGISSEUR },
  { tekst: 'NOTITIE-ECHO-6617', zichtbaarheid: 'regie', voorPlegerzijde: false, zichtbaarVoor: [], auteur: 'mw-003' },
  { tekst: 'NOTITIE-FOXTROT-3348', zichtbaarheid: 'netwerk', voorPlegerzijde: true, zichtbaarVoor: ['mw-002'], auteur: REGISSEUR, ingetrokken: true },
  { tekst: 'NOTITIE-GOLF-8823', zichtbaarheid: 'netwerk', voorPlegerzijde: false, zichtbaarVoor: [], auteur: REGISSEUR, achtergehouden: true },
  { tekst: 'NOTITIE-HOTEL-1175', zichtbaarheid: 'netwerk', voorPlegerzijde: false, zichtbaarVoor: [], auteur: 'mw-004', overCor: true },
];

/**
 * How a caller reaches the notes, the model of notes.ts and access.ts written
 * out independently: the regisseur, a personal network entry or an
 * organisation's (by OIN), break-the-glass, the coordinator (the case is in
 * the MDA++ traject), or not at all.
 */
function noteReach(role: Role, sub: string, oin: string | undefined): 'regisseur' | 'network' | 'break-glass' | 'coordinator' | 'none' {
  const inNetwork = NETWORK.some((n) => n.sub === sub) || ORGANISATIONS_IN_NETWORK.some((o) => o.oin === oin);
  if (role === 'mda-coordinator') return 'coordinator';
  if (role === 'ketenpartner') return inNetwork ? 'network' : 'none';
  if (role !== 'lokaal-team') return 'none';
  if (sub === REGISSEUR) return 'regisseur';
  if (NETWORK.some((n) => n.sub === sub)) return 'network';
  if (sub === BREAK_GLASS) return 'break-glass';
  return inNetwork ? 'network' : 'none';
}

/** Who may read a note's text. */
function mayReadNote(role: Role, sub: string, oin: string | undefined, note: ModelNote): boolean {
  if (role === 'auditor') return note.ingetrokken === true;
  const reach = noteReach(role, sub, oin);
  if (note.ingetrokken || reach === 'none') return false;
  // A note about a member whose data is withheld from the reader: not theirs, whoever wrote it or is named on it.
  if (note.overCor && withheldCor(role, sub, oin)) return false;
  const person = role === 'lokaal-team' || role === 'ketenpartner';
  if (person && note.auteur === sub) return true;
  if (perpetratorSide(role, sub, oin) && !note.voorPlegerzijde) return false;
  if (reach === 'regisseur' || reach === 'break-glass') return true;
  if (person && note.zichtbaarVoor.includes(sub)) return true;
  if (note.zichtbaarheid !== 'netwerk') return false;
  const granted = NETWORK.some((n) => n.sub === sub && n.notes) || ORGANISATIONS_IN_NETWORK.some((o) => o.oin === oin && o.notes);
  return reach === 'coordinator' || granted;
}

/** Changes to the sealed member that nobody but the regisseur may make. */
const FORBIDDEN_PATCHES = [
  { afgeschermd: false },
  { adres: 'Gokstraat 1' },
  { adres: SECRETS[0] },
  { adres: null },
  { contact: null },
  { contact: '06-00000000' },
  { inzageAfgeschermd: ['mw-005'] },
  { afgeschermd: false, naam: 'Anna' },
  { afgeschermd: false, geslachtsnaam: 'Anders' },
];
/**
 * Searches (issue 17 point 2): by the sealed member's name (found by those who may list the case, with no
 * sealed detail in the answer), and by each sealed detail, which a search never matches (names and birth
 * dates only: otherwise a search would tell whether a guess of the address is right).
 */
const SEARCHES = ['Anna Verborgen', 'verborgen', ...SECRETS];

describe("security findings 1 and 12: no sealed value, and no name of the victim's side, reaches a caller who may not see it", () => {
  let t: TestApp;
  let regisseur: Client;
  let caseId: string;
  let memberIds: string[];
  let escalationId: string;
  let meetingId: string;
  /** Network entry ids by professional sub or organisation OIN. */
  const entryIds: Record<string, string> = {};
  const noteIds: string[] = [];
  /** Issue 17 point 10: a released inzage export of each member, and a draft of Anna's. */
  let exportIds: string[];

  beforeAll(async () => {
    // Each random caller reads every route three ways: far more than a person's rate limit allows in a minute.
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
    regisseur = clientFor(t, { sub: REGISSEUR, organisatie: 'Sociaal Wijkteam Nijmegen' });
    // A subscriber to every event, so that the outbox holds the payloads the outside world would get.
    const subscribed = await clientFor(t, { sub: 'beheer-1', rol: 'beheerder' }).request('POST', '/v1/abonnementen', {
      body: { organisatie: 'Politie', url: 'http://127.0.0.1:9/hook', gebeurtenissen: ['casus.fase-gewijzigd', 'casus.opgeschaald', 'opschaling.besloten', 'casus.afgesloten', 'casus.heropend'], gemeenten: ['Nijmegen'] },
    });
    expect(subscribed.statusCode, subscribed.body).toBe(201);
    const created = await regisseur.request('POST', '/v1/casussen', {
      body: {
        gemeente: 'Nijmegen',
        bron: 'veilig-thuis',
        leden: [
          { voornamen: 'Anna', geslachtsnaam: 'Verborgen', relatie: 'ouder', betrokkenheid: ['slachtoffer'], adres: 'Schuiladres 3', contact: SECRETS[1], afgeschermd: true, inzageAfgeschermd: GRANTED },
          { voornamen: 'Bram', geslachtsnaam: 'Open', relatie: 'ex-partner', betrokkenheid: ['pleger'], adres: 'Open laan 2' },
          { naam: COR[0], geboortedatum: COR[1], relatie: 'overig', betrokkenheid: ['getuige'] },
          // Issue 17: two children, one sealed with Anna; each gets a Handle with Care signal to the school (her school is a secret).
          { voornamen: 'Cato', geslachtsnaam: 'Verborgen', relatie: 'kind', betrokkenheid: ['getuige'], adres: 'Schuiladres 3', afgeschermd: true, inzageAfgeschermd: GRANTED },
          { voornamen: 'Daan', geslachtsnaam: 'Open', relatie: 'kind', betrokkenheid: ['getuige'] },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    caseId = created.json().id;
    memberIds = created.json().leden.map((l: { id: string }) => l.id);
    for (const n of NETWORK) {
      const organisatie = n.zijde === 'slachtoffer' ? 'Slachtofferhulp Gelderland' : 'Hulpverlening';
      const added = await regisseur.request('POST', `/v1/casussen/${caseId}/betrokkenen`, {
        body: { soort: 'professional', id: n.sub, organisatie, rol: 'hulpverlener', grondslag: { soort: 'wettelijke-taak', referentie: 'Wmo 2015' }, zijde: n.zijde, inzage: n.notes ? ['notities'] : [] },
      });
      expect(added.statusCode, added.body).toBe(201);
      entryIds[n.sub] = added.json().id;
    }
    for (const { organisatie, oin, zijde, notes } of ORGANISATIONS_IN_NETWORK) {
      const added = await regisseur.request('POST', `/v1/casussen/${caseId}/betrokkenen`, {
        body: { soort: 'organisatie', organisatie, oin, rol: 'partner', grondslag: 'Wet veiligheidsregio', zijde, inzage: ['leden', 'verklarende-analyse', ...(notes ? ['notities'] : [])] },
      });
      expect(added.statusCode, added.body).toBe(201);
      entryIds[oin] = added.json().id;
    }
    // The victim-side professional acts under her token's own organisation name: it is hidden too.
    const victimSide = clientFor(t, { sub: 'mw-003', organisatie: 'Slachtofferhulp Gelderland Oost' });
    expect((await victimSide.get(`/v1/casussen/${caseId}`)).statusCode).toBe(200);
    const breakGlass = await clientFor(t, { sub: BREAK_GLASS, organisatie: 'Wijkteam Elders' }).request('POST', `/v1/casussen/${caseId}/noodtoegang`, { body: { reden: 'Regisseur onbereikbaar, acute zorg' } });
    expect(breakGlass.statusCode, breakGlass.body).toBe(201);
    // The regisseur moves the victim while sealed: the old and the new address are both secrets for ever.
    let version = created.json().versie as number;
    for (const change of [{ adres: SECRETS[0] }, { contact: SECRETS[3] }]) {
      const moved = await regisseur.write('PATCH', `/v1/casussen/${caseId}/leden/${memberIds[0]}`, version, change);
      expect(moved.statusCode, moved.body).toBe(200);
      version = moved.json().versie;
    }
    // Issue 17: a police-involved incident, then each child's school hears of it (Handle with Care): the school names where the child is.
    const incident = await regisseur.write('POST', `/v1/casussen/${caseId}/incidenten`, version++, { tijdstip: new Date(t.clock.now().getTime() - 3_600_000).toISOString(), soort: 'fysiek', vorm: 'partnergeweld', bron: 'politie', omschrijving: 'Politie ter plaatse' });
    expect(incident.statusCode, incident.body).toBe(201);
    for (const [lidId, school] of [[memberIds[3], SECRETS[6]], [memberIds[4], OPEN_SCHOOL]] as const) {
      const signal = await regisseur.write('PUT', `/v1/casussen/${caseId}/leden/${lidId}/handle-with-care`, version++, { uitkomst: 'verstuurd', verstuurdOp: t.clock.now().toISOString(), school });
      expect(signal.statusCode, signal.body).toBe(200);
    }
    const plan = await regisseur.write('PUT', `/v1/casussen/${caseId}/veiligheidsplan`, version++, {
      afspraken: [
        { omschrijving: 'Anna belt bij dreiging 112', eigenaar: { soort: 'lid', lidId: memberIds[0] }, deadline: '2026-03-01' },
        { omschrijving: 'Opvangplek houden', eigenaar: { soort: 'organisatie', naam: 'Vrouwenopvang De Veilige Haven', oin: SHELTER }, deadline: '2026-03-01' },
        { omschrijving: 'Begeleiding Anna', eigenaar: { soort: 'professional', id: 'mw-003', organisatie: 'Slachtofferhulp Gelderland' }, deadline: '2026-03-01' },
        { omschrijving: 'Toezicht Bram', eigenaar: { soort: 'organisatie', naam: 'Reclassering', oin: RECLASSERING }, deadline: '2026-03-01' },
      ],
      akkoordHuishouden: { akkoord: 'ja' },
    });
    expect(plan.statusCode, plan.body).toBe(200);
    expect((await victimSide.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, version++, {
      ...toplist(3),
      perspectieven: [{ van: { soort: 'lid', lidId: memberIds[2] }, score: 2 }],
    })).statusCode).toBe(201);
    // Issue 17 point 5: the shelter marks its own agreement done and gives its own perspective; neither names it to the perpetrator's side.
    const shelter = clientFor(t, { sub: 'opvang-1', rol: 'ketenpartner', organisatie: 'Vrouwenopvang De Veilige Haven', oin: SHELTER, gemeenten: [] });
    const shelterView = (await shelter.get(`/v1/casussen/${caseId}/mijn-afspraken`)).json();
    const marked = await shelter.write('POST', `/v1/casussen/${caseId}/mijn-afspraken/${shelterView.afspraken[0].id}/afmelding`, version++, { status: 'gedaan', toelichting: 'Plek gereserveerd' });
    expect(marked.statusCode, marked.body).toBe(200);
    expect((await shelter.write('POST', `/v1/casussen/${caseId}/perspectieven`, version++, { score: 4, toelichting: 'Zorgen over contact met de ex' })).statusCode).toBe(201);
    // Review of issue 17 (H2): the shelter proposes the analysis; neither the timeline's sentence nor `voorgesteldDoor` names it to that side.
    const proposal = await shelter.write('POST', `/v1/casussen/${caseId}/verklarende-analyse/voorstellen`, version++, { toelichting: 'Voorstel van de opvang', problemen: ['trauma'] });
    expect(proposal.statusCode, proposal.body).toBe(201);
    // Issue 17 point 6: what the regisseur records about the sealed member, and Cor's refusal and withdrawal.
    for (const [url, body] of [
      [`/leden/${memberIds[0]}/veilig-contact`, { veiligContact: { geenPostThuisadres: true, kanaal: 'telefoon', veiligMoment: SECRETS[4], toelichting: null } }],
      [`/leden/${memberIds[0]}/informering`, { status: 'niet-om-veiligheidsredenen', reden: SECRETS[5], herzienOp: '2026-04-01' }],
      [`/leden/${memberIds[2]}/toestemmingen/${entryIds['mw-002']}`, { status: 'nee', sinds: '2026-01-14' }],
      [`/leden/${memberIds[2]}/toestemmingen/${entryIds[POLICE_OIN]}`, { status: 'ja', sinds: '2026-01-10' }],
      [`/leden/${memberIds[2]}/toestemmingen/${entryIds[POLICE_OIN]}`, { status: 'ingetrokken', sinds: '2026-01-14' }],
    ] as const) {
      const recorded = await regisseur.write('PUT', `/v1/casussen/${caseId}${url}`, version++, body);
      expect(recorded.statusCode, `${url}: ${recorded.body}`).toBe(200);
    }
    for (const note of NOTES) {
      const writer = note.auteur === REGISSEUR ? regisseur : clientFor(t, { sub: note.auteur, organisatie: 'Hulpverlening' });
      const written = await writer.request('POST', `/v1/casussen/${caseId}/notities`, {
        body: {
          soort: 'huisbezoek',
          contactdatum: '2026-01-14',
          tekst: note.tekst,
          zichtbaarheid: note.zichtbaarheid,
          voorPlegerzijde: note.voorPlegerzijde,
          zichtbaarVoor: note.zichtbaarVoor,
          lidIds: note.overCor ? memberIds : memberIds.filter((id) => id !== memberIds[2]),
          ...(note.achtergehouden ? { achterhoudenBijInzage: 'Veiligheid van Anna' } : {}),
        },
      });
      expect(written.statusCode, written.body).toBe(201);
      noteIds.push(written.json().id);
      if (note.ingetrokken) {
        const withdrawn = await writer.request('POST', `/v1/casussen/${caseId}/notities/${written.json().id}/intrekking`, { body: { reden: 'Verkeerde casus' } });
        expect(withdrawn.statusCode, withdrawn.body).toBe(204);
      }
    }
    const escalated = await regisseur.write('POST', `/v1/casussen/${caseId}/opschalingen`, version, { reden: 'Dreiging neemt toe' });
    expect(escalated.statusCode, escalated.body).toBe(201);
    escalationId = escalated.json().laatsteOpschaling.id;
    const coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH', gemeenten: [] });
    expect((await coordinator.request('POST', `/v1/opschalingen/${escalationId}/besluit`, { body: { besluit: 'mda-traject', motivering: 'Complex' } })).statusCode).toBe(200);
    // On the test clock's day, with every sub registered as an expert: the experts' reading (issue 18 point 3) is one of the routes read.
    meetingId = (await coordinator.request('POST', '/v1/expertoverleggen', { body: { tijdstip: '2026-01-15T14:00:00+01:00' } })).json().id;
    expect((await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten`, { body: { opschalingId: escalationId } })).statusCode).toBe(201);
    for (const sub of SUBS) expect((await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/experts`, { body: { id: sub, organisatie: 'Expert' } })).statusCode).toBe(201);
    // Each member's inzage export, prepared and released by the regisseur (issue 17 point 10), and a draft of Anna's.
    exportIds = [];
    for (const lidId of memberIds) {
      expect((await releasedInzage(regisseur, caseId, lidId)).statusCode).toBe(200);
      exportIds.push((await regisseur.get(`/v1/casussen/${caseId}/leden/${lidId}/inzageverzoeken`)).json().inzageverzoeken[0].id);
    }
    const draft = await regisseur.request('POST', `/v1/casussen/${caseId}/leden/${memberIds[0]}/inzageverzoeken`, { body: {} });
    expect(draft.statusCode, draft.body).toBe(201);
    exportIds.push(draft.json().id);
  }, 60_000);
  afterAll(async () => t.close());

  /** Every GET route of the OpenAPI document, with its parameters filled in from the case above. */
  async function readableUrls(): Promise<string[]> {
    const document: { paths: Record<string, Record<string, unknown>> } = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json();
    const urls: string[] = [];
    for (const [path, operations] of Object.entries(urlPaths(document))) {
      if (!operations.get || path === '/v1/openapi.json') continue;
      const ids: Record<string, string | undefined> = path.startsWith('/v1/opschalingen/') ? { id: escalationId } : path.startsWith('/v1/expertoverleggen/') ? { id: meetingId, casusId: caseId } : { id: caseId };
      // Every member, every letter (issue 17 point 7) and every inzage export (point 10) where the path names one.
      let variants: Record<string, string | undefined>[] = [ids];
      if (path.includes('{lidId}')) variants = variants.flatMap((v) => memberIds.map((lidId) => ({ ...v, lidId })));
      if (path.includes('{soort}')) variants = variants.flatMap((v) => LETTER_KINDS.map((soort) => ({ ...v, soort })));
      if (path.includes('{verzoekId}')) variants = variants.flatMap((v) => exportIds.map((verzoekId) => ({ ...v, verzoekId })));
      if (path.includes('{notitieId}')) variants = variants.flatMap((v) => noteIds.map((notitieId) => ({ ...v, notitieId })));
      for (const values of variants) {
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
          const value = name === 'versie' ? '1' : values[name];
          if (value === undefined) throw new Error(`no value for {${name}} in ${path}: add one to this test`);
          return value;
        });
        // The reports over a period are asked for one; those of the state now refuse a kwartaal (issue 18: unknown parameters get 400).
        const parameters = ((operations.get as { parameters?: { name: string }[] }).parameters ?? []).map((parameter) => parameter.name);
        if (path.startsWith('/v1/rapportages')) urls.push(parameters.includes('kwartaal') ? `${url}?kwartaal=2025-K4` : url);
        else if (path.includes('/brieven/')) urls.push(...memberIds.map((lid) => `${url}?lid=${lid}`));
        else urls.push(url);
      }
    }
    return [...urls, ...SEARCHES.map((term) => `/v1/casussen?zoek=${encodeURIComponent(term)}`)];
  }

  it('holds for random callers over every GET route, after they tried to lift the seal', async () => {
    const urls = await readableUrls();
    expect(urls).toEqual(
      expect.arrayContaining([
        `/v1/casussen/${caseId}`,
        `/v1/casussen/${caseId}/tijdlijn`,
        `/v1/casussen/${caseId}/leden/${memberIds[0]}/inzage`,
        `/v1/casussen/${caseId}/notities`,
        `/v1/casussen/${caseId}/notities/${noteIds[0]}`,
        `/v1/casussen/${caseId}/zgw`,
        `/v1/casussen/${caseId}/brieven/veiligheidsplan?lid=${memberIds[1]}`,
        `/v1/casussen/${caseId}/inzageverzoeken/${exportIds[1]}/document`,
        `/v1/expertoverleggen/${meetingId}/casussen/${caseId}`,
      ]),
    );
    const caller = fc.record({
      role: fc.constantFrom(...ROLES),
      sub: fc.constantFrom(...SUBS),
      organisation: fc.constantFrom(...ORGANISATIONS),
      municipalities: fc.subarray(['Nijmegen', 'Wijchen']),
      patch: fc.constantFrom(...FORBIDDEN_PATCHES),
    });
    /** PDFs read back (letters and exports): the regisseur's own pass below must have read some. */
    let pdfs = 0;
    const check = async ({ role, sub, organisation: { organisatie: organisation, oin }, municipalities, patch }: { role: Role; sub: string; organisation: { organisatie: string; oin?: string }; municipalities: string[]; patch: object }) => {
      const claims = { sub, rol: role, organisatie: organisation, gemeenten: municipalities, ...(oin ? { oin } : {}) };
      const client = clientFor(t, claims);
      // A name the caller's own token carries comes back to them (GET /v1/ik): that is no leak.
      const own = [sub, organisation, oin];
      const hidden = [
        ...(entitled(role, sub, oin) ? [] : SECRETS),
        ...(perpetratorSide(role, sub, oin) ? VICTIM_SIDE.filter((name) => !own.includes(name)) : []),
        ...(withheldCor(role, sub, oin) ? COR : []),
        ...NOTES.filter((note) => !mayReadNote(role, sub, oin, note)).map((note) => note.tekst),
      ];
      // A note withheld from the inzage is in no inzage, whoever reads it.
      const withheld = NOTES.filter((note) => note.achtergehouden).map((note) => note.tekst);
      const leak = (body: string, what: string) => {
        for (const secret of hidden) expect(body, `${role} ${sub} (${organisation}, ${oin ?? 'geen OIN'}) saw "${secret}" in ${what}`).not.toContain(secret);
      };
      if (sub !== REGISSEUR) {
        const current = await regisseur.get(`/v1/casussen/${caseId}`);
        const attempt = await client.write('PATCH', `/v1/casussen/${caseId}/leden/${memberIds[0]}`, current.json().versie, patch);
        expect([403, 404], `${role} ${sub} (${organisation}) ${JSON.stringify(patch)}: ${attempt.body}`).toContain(attempt.statusCode);
        leak(attempt.body, 'the answer to its own write');
        // Nor does anyone but the regisseur give Cor's consent back, to themselves or anyone (issue 17 point 6).
        for (const entry of [entryIds['mw-002'], entryIds[POLICE_OIN]]) {
          const version = (await regisseur.get(`/v1/casussen/${caseId}`)).json().versie;
          const lifted = await client.write('PUT', `/v1/casussen/${caseId}/leden/${memberIds[2]}/toestemmingen/${entry}`, version, { status: 'ja', sinds: '2026-01-15' });
          expect([403, 404], `${role} ${sub} (${organisation}) lifting Cor's refusal: ${lifted.body}`).toContain(lifted.statusCode);
          leak(lifted.body, 'the answer to its attempt to record consent');
        }
        // Naming the household is the regisseur's: with a sealed address in it, refused for everyone.
        const current2 = await regisseur.get(`/v1/casussen/${caseId}`);
        const naming = await client.write('PUT', `/v1/casussen/${caseId}/aanduiding`, current2.json().versie, { aanduiding: `Gezin aan de ${SECRETS[0]}` });
        expect([403, 404, 422], `${role} ${sub} (${organisation}) aanduiding: ${naming.body}`).toContain(naming.statusCode);
        leak(naming.body, 'the answer to its aanduiding');
      }
      for (const url of urls) {
        // Whatever the caller: a letter to Bram, or Bram's own inzage, holds nothing of Anna's sealed details nor
        // anyone of her side (issue 17: never a victim's details to a member on the perpetrator's side).
        const aboutBram = url.includes(`lid=${memberIds[1]}`) || url.includes(`/leden/${memberIds[1]}/inzage`) || url.includes(`/inzageverzoeken/${exportIds[1]}`);
        const strict = aboutBram ? [...new Set([...hidden, ...SECRETS, ...CONTACT_SENTENCES, ...VICTIM_SIDE.filter((name) => !own.includes(name))])] : hidden;
        // A member's own document holds the notes about them as the member may read them (not withdrawn, not withheld
        // from the inzage; for Bram, on the perpetrator's side, only those marked for it): its reviewers read them.
        const inDocument = url.includes('/inzage') && (role === 'privacy' || (role === 'lokaal-team' && sub === REGISSEUR))
          ? NOTES.filter((note) => !note.ingetrokken && !note.achtergehouden && (!aboutBram || note.voorPlegerzijde)).map((note) => note.tekst)
          : [];
        const must = strict.filter((secret) => !inDocument.includes(secret));
        for (const accept of ['application/json', 'text/html', 'text/csv', 'application/pdf']) {
          const answer = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${t.token(claims)}`, accept } });
          expect(answer.statusCode, `${url} ${accept}`).toBeLessThan(500);
          // A PDF's text is compressed: read it back as a reader sees it.
          const pdf = String(answer.headers['content-type']).startsWith('application/pdf');
          if (pdf) pdfs += 1;
          const body = pdf ? (await pdfText(answer.rawPayload)).text.replace(/\s+/g, ' ') : answer.body;
          for (const secret of must) expect(body, `${role} ${sub} (${organisation}, ${oin ?? 'geen OIN'}) saw "${secret}" in ${url} (${accept})`).not.toContain(secret);
          // A search by a sealed detail matches nothing, for anyone.
          if (answer.statusCode === 200 && !pdf && SECRETS.some((secret) => url.endsWith(`zoek=${encodeURIComponent(secret)}`))) expect(answer.json().casussen, url).toEqual([]);
          if (url.includes('/inzage')) for (const text of withheld) expect(body, `${role} ${sub}: ${url} (${accept})`).not.toContain(text);
        }
      }
    };
    // The callers the new documents answer (issue 17), every time rather than by chance: the regisseur (letters and
    // exports) and the municipality's privacy officer (exports).
    await check({ role: 'lokaal-team', sub: REGISSEUR, organisation: { organisatie: 'Sociaal Wijkteam Nijmegen' }, municipalities: ['Nijmegen'], patch: {} });
    expect(pdfs).toBeGreaterThan(LETTER_KINDS.length);
    await check({ role: 'privacy', sub: 'privacy-1', organisation: { organisatie: 'Gemeente Nijmegen' }, municipalities: ['Nijmegen'], patch: {} });
    await fc.assert(fc.asyncProperty(caller, check), { numRuns: Number(process.env.SEALING_RUNS ?? 15) });
    // The seal is where the regisseur left it.
    const anna = (await regisseur.get(`/v1/casussen/${caseId}`)).json().leden[0];
    expect(anna).toMatchObject({ adres: SECRETS[0], contact: SECRETS[3], afgeschermd: true });
    // And Cor's refusals stand.
    const cor = (await regisseur.get(`/v1/casussen/${caseId}`)).json().leden[2];
    expect(cor.toestemmingen.map((c: { status: string }) => c.status)).toEqual(['nee', 'ingetrokken']);
  }, 600_000);

  it('shows each note to the callers the model entitles: the regisseur reads what the model says, so the model is not vacuous', async () => {
    const shown = (await regisseur.get(`/v1/casussen/${caseId}/notities?paginaGrootte=100`)).body;
    for (const note of NOTES) expect(shown.includes(note.tekst), note.tekst).toBe(mayReadNote('lokaal-team', REGISSEUR, undefined, note));
    const partner = (await clientFor(t, { sub: 'kp-9', rol: 'ketenpartner', organisatie: 'Reclassering', oin: RECLASSERING, gemeenten: [] }).get(`/v1/casussen/${caseId}/notities`)).body;
    for (const note of NOTES) expect(partner.includes(note.tekst), note.tekst).toBe(mayReadNote('ketenpartner', 'kp-9', RECLASSERING, note));
    // The police withdrew from Cor's data: the netwerk notes not about him, none about him (review finding H5).
    const police = (await clientFor(t, { sub: 'agent-1', rol: 'ketenpartner', organisatie: 'Politie', oin: POLITIE, gemeenten: [] }).get(`/v1/casussen/${caseId}/notities`)).body;
    for (const note of NOTES) expect(police.includes(note.tekst), note.tekst).toBe(mayReadNote('ketenpartner', 'agent-1', POLITIE, note));
    expect(NOTES.some((note) => mayReadNote('ketenpartner', 'agent-1', POLITIE, note))).toBe(true);
    expect(NOTES.some((note) => note.overCor && note.zichtbaarheid === 'netwerk' && !note.ingetrokken && !mayReadNote('ketenpartner', 'agent-1', POLITIE, note))).toBe(true);
    const colleague = (await clientFor(t, { sub: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen' }).get(`/v1/casussen/${caseId}/notities`)).body;
    for (const note of NOTES) expect(colleague.includes(note.tekst), note.tekst).toBe(mayReadNote('lokaal-team', 'mw-002', undefined, note));
  });

  it('a Handle with Care record never carries case content: any other field is refused, and what is stored is the moment and the school', async () => {
    const key = fc.string({ minLength: 1, maxLength: 12 }).filter((name) => !['uitkomst', 'verstuurdOp', 'school', 'reden', '__proto__', 'constructor'].includes(name));
    const content = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.boolean(), fc.constant(null), fc.record({ omschrijving: fc.string({ maxLength: 20 }) }));
    const body = fc.record({
      uitkomst: fc.constantFrom('verstuurd', 'niet-van-toepassing'),
      extra: fc.dictionary(key, content, { minKeys: 0, maxKeys: 3 }),
      // The sealed child (her school is a secret) and the open one.
      lid: fc.constantFrom(3, 4),
    });
    await fc.assert(
      fc.asyncProperty(body, async ({ uitkomst, extra, lid }) => {
        const version = (await regisseur.get(`/v1/casussen/${caseId}`)).json().versie as number;
        const base = uitkomst === 'verstuurd' ? { uitkomst, verstuurdOp: t.clock.now().toISOString(), school: lid === 3 ? SECRETS[6] : OPEN_SCHOOL } : { uitkomst, reden: 'Gaat niet naar school' };
        const answer = await regisseur.write('PUT', `/v1/casussen/${caseId}/leden/${memberIds[lid]}/handle-with-care`, version, { ...extra, ...base });
        expect(answer.statusCode, JSON.stringify(extra)).toBe(Object.keys(extra).length === 0 ? 200 : 400);
      }),
      { numRuns: 40, seed: 20270214 },
    );
    const { rows } = await t.database.handle.pool.query<{ payload: Record<string, unknown> & { signaal: Record<string, unknown> } }>("SELECT payload FROM case_events WHERE type = 'kind.handle-with-care-vastgelegd'");
    expect(rows.length).toBeGreaterThan(2);
    for (const { payload } of rows) {
      expect(Object.keys(payload).sort()).toEqual(['door', 'lidId', 'op', 'signaal', 'type']);
      expect(Object.keys(payload.signaal).every((field) => ['uitkomst', 'verstuurdOp', 'school', 'reden'].includes(field)), JSON.stringify(payload.signaal)).toBe(true);
    }
  }, 120_000);

  it('never puts a sealed value or a note in a webhook payload', async () => {
    const { rows } = await t.database.handle.pool.query<{ payload: unknown }>('SELECT payload FROM deliveries');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) for (const secret of [...SECRETS, ...COR, ...NOTES.map((note) => note.tekst)]) expect(JSON.stringify(row.payload)).not.toContain(secret);
  });
});
