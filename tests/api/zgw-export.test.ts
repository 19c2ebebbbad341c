/**
 * Issue 18 point 6: GET /v1/casussen/{id}/zgw gives a Zaak, Statussen and
 * Rollen that a zaakregistratiecomponent (Open Zaak) accepts from a client,
 * checked with a JSON-schema validator against the reference Zaken API 1.5.1
 * (../shared/reference/zgw; tests/helpers/zgw-reference.ts says how readOnly
 * and nullable are read). And what the zaak carries: RSINs, the types of the
 * case's track, names in parts, the retention policy's archive fields, and
 * never a BSN, an address, a victim/perpetrator label or Veilig Thuis's own
 * assessment.
 */
import { randomUUID } from 'node:crypto';
import { passesElevenTest } from '@veilig-samen/contracts';
import { DEMO_ZGW, municipalitiesSetting, zgwTypesSetting } from '@veilig-samen/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testMunicipalities, type TestApp } from '../helpers/app.js';
import { clientFor, household, plan, toplist, type Client } from '../helpers/client.js';
import { walkToClosure } from '../helpers/walk.js';
import { readOnlyProperties, rolSchemaFor, zakenApi } from '../helpers/zgw-reference.js';

const VT_OIN = '00000001823288444000';
/** A foundation that runs Wijchen's local teams (a valid RSIN): Wijchen's verantwoordelijkeOrganisatie. */
const FOUNDATION_RSIN = '820151130';
const SEALED_ADDRESS = 'Verborgen Hof 7, Wijchen';

interface Export {
  zaak: Record<string, unknown>;
  statussen: Record<string, unknown>[];
  rollen: (Record<string, unknown> & { betrokkeneType: string; betrokkeneIdentificatie: Record<string, string> })[];
}

/** Every object of the export against its reference schema: the errors, per object. */
function validationErrors(body: Export) {
  const api = zakenApi();
  return [
    ...api.errors('Zaak', body.zaak).map((e) => ({ object: 'zaak', ...e })),
    ...body.statussen.flatMap((status, i) => api.errors('Status', status).map((e) => ({ object: `statussen[${i}]`, ...e }))),
    ...body.rollen.flatMap((rol, i) => api.errors(rolSchemaFor(rol), rol).map((e) => ({ object: `rollen[${i}]`, ...e }))),
  ];
}

describe('ZGW export (Zaken API 1.5.1)', () => {
  let t: TestApp;
  let mw: Client;
  let coordinator: Client;
  const zaakUrl = (id: string) => `${DEMO_ZGW.zakenApiUrl}/zaken/${id}`;

  beforeAll(async () => {
    const municipalities = testMunicipalities().map((m) => (m.name === 'Wijchen' ? { ...m, responsibleRsin: FOUNDATION_RSIN } : m));
    t = await createTestApp({ env: { GEMEENTEN: municipalitiesSetting(municipalities) } });
    mw = clientFor(t);
    coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH Gelderland-Zuid', gemeenten: [] });
  });
  afterAll(async () => t.close());

  const exportOf = async (id: string, client: Client = mw): Promise<Export> => {
    const response = await client.get(`/v1/casussen/${id}/zgw`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('a case in local coordination: valid Zaak, Status and Rol objects with the local track types and the RSIN', async () => {
    const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    await mw.write('PUT', `/v1/casussen/${id}/veiligheidsplan`, 1, plan());
    await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 2, toplist(6));
    t.clock.advance(86_400_000);
    await mw.write('POST', `/v1/casussen/${id}/faseovergangen`, 3, { naar: 'oorzaken-onderzoeken' });
    const body = await exportOf(id);
    expect(validationErrors(body)).toEqual([]);

    const local = DEMO_ZGW.types.lokaal;
    expect(body.zaak).toEqual({
      identificatie: id,
      bronorganisatie: '001825264',
      verantwoordelijkeOrganisatie: '001825264',
      zaaktype: local.zaaktype,
      omschrijving: 'Huiselijk geweld en kindermishandeling: 1 gezin, 1 plan, 1 regisseur',
      registratiedatum: '2026-01-15',
      startdatum: '2026-01-15',
      vertrouwelijkheidaanduiding: 'zeer_geheim',
      archiefnominatie: 'vernietigen',
      archiefactiedatum: null,
    });
    expect(JSON.stringify(body)).not.toContain('MDA++ casus');
    // Properties the ZRC sets itself are not sent by a client.
    for (const [name, object] of [['Zaak', body.zaak], ['Status', body.statussen[0]], ['Rol', body.rollen[0]]] as const) {
      for (const property of readOnlyProperties('zaken-api-1.5.1.openapi.yaml', name)) expect(object, `${name}.${property}`).not.toHaveProperty(property);
    }
    expect(body.statussen).toEqual([
      { zaak: zaakUrl(id), statustype: local.statustypen['directe-veiligheid'], datumStatusGezet: '2026-01-15T09:00:00.000Z', statustoelichting: 'Fase 1: directe veiligheid' },
      { zaak: zaakUrl(id), statustype: local.statustypen['oorzaken-onderzoeken'], datumStatusGezet: '2026-01-16T09:00:00.000Z', statustoelichting: 'Fase 2: oorzaken onderzoeken' },
    ]);
    expect(body.rollen[0]).toEqual({
      zaak: zaakUrl(id),
      betrokkeneType: 'medewerker',
      roltype: local.roltypen.regisseur,
      roltoelichting: 'Vaste regisseur van het huishouden (Sociaal Wijkteam Nijmegen)',
      betrokkeneIdentificatie: { identificatie: 'mw-001' },
    });
    expect(body.rollen.slice(1)).toEqual(
      household.leden.map((lid) => ({
        zaak: zaakUrl(id),
        betrokkeneType: 'natuurlijk_persoon',
        roltype: local.roltypen['lid-huishouden'],
        roltoelichting: `Lid van het huishouden (${lid.relatie})`,
        betrokkeneIdentificatie: { voornamen: lid.voornamen, voorvoegselGeslachtsnaam: lid.voorvoegsel, geslachtsnaam: lid.geslachtsnaam },
      })),
    );
    // Roles carry no victim, perpetrator or witness label.
    expect(JSON.stringify(body.rollen)).not.toMatch(/slachtoffer|pleger|getuige/);
    expect((await clientFor(t, { sub: 'p', rol: 'ketenpartner' }).get(`/v1/casussen/${id}/zgw`)).statusCode).toBe(403);
  });

  it('a case the coordinator took into MDA++: the MDA++ zaaktype, and its statustypes and roltypes for the whole history', async () => {
    const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    const escalated = await mw.write('POST', `/v1/casussen/${id}/opschalingen`, 1, { reden: 'Geweld neemt toe' });
    expect(escalated.statusCode, escalated.body).toBe(201);
    // Escalated but not decided: still local coordination.
    expect((await exportOf(id)).zaak.zaaktype).toBe(DEMO_ZGW.types.lokaal.zaaktype);
    const decided = await coordinator.request('POST', `/v1/opschalingen/${escalated.json().laatsteOpschaling.id}/besluit`, { body: { besluit: 'mda-traject', motivering: 'Meerdere leefdomeinen' } });
    expect(decided.statusCode, decided.body).toBe(200);
    const body = await exportOf(id);
    expect(validationErrors(body)).toEqual([]);
    const mda = DEMO_ZGW.types.mda;
    expect(body.zaak).toMatchObject({ zaaktype: mda.zaaktype, omschrijving: 'Huiselijk geweld en kindermishandeling: MDA++-traject' });
    expect(body.statussen.map((s) => s.statustype)).toEqual([mda.statustypen['directe-veiligheid']]);
    expect(body.rollen.map((r) => r.roltype)).toEqual([mda.roltypen.regisseur, ...household.leden.map(() => mda.roltypen['lid-huishouden'])]);
  });

  it('a closed case: the final status and the archive date of the retention policy', async () => {
    const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    await walkToClosure(t, mw, id, 1);
    const body = await exportOf(id);
    expect(validationErrors(body)).toEqual([]);
    const closedOn = String(body.statussen.at(-1)?.datumStatusGezet).slice(0, 10);
    expect(body.statussen.at(-1)).toMatchObject({ statustype: DEMO_ZGW.types.lokaal.statustypen.afgesloten, statustoelichting: 'Afgesloten' });
    // RETENTION_YEARS (15 by default) after closure: when the retention job removes the case.
    expect(body.zaak).toMatchObject({ archiefnominatie: 'vernietigen', archiefactiedatum: `${Number(closedOn.slice(0, 4)) + t.config.retentionYears}${closedOn.slice(4)}` });
    expect(body.statussen.map((s) => s.statustoelichting)).toEqual(['Fase 1: directe veiligheid', 'Fase 2: oorzaken onderzoeken', 'Fase 3: blijvend voorkomen', 'Fase 4: nazorg', 'Afgesloten']);
  });

  it('a handover from Veilig Thuis: names in parts or whole, the responsible organisation, and no BSN, address or assessment of Veilig Thuis', async () => {
    const vt = clientFor(t, { sub: 'vt-koppeling', rol: 'integratie', organisatie: 'Veilig Thuis Gelderland-Zuid', oin: VT_OIN, gemeenten: ['Wijchen'] });
    const receipt = await vt.request('POST', '/v1/berichten', {
      headers: { 'idempotency-key': randomUUID() },
      body: {
        type: 'overdracht',
        gemeente: 'Wijchen',
        bron: 'veilig-thuis',
        leden: [
          // A single name that splits (two words), and one kept whole (three words, no voorvoegsel).
          { naam: 'Eva Smit', geboortedatum: '1990-03-04', bsn: '111222333', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
          { naam: 'Maria Santos Oliveira', geboortedatum: '1989-11-20', bsn: '123456782', relatie: 'ex-partner', betrokkenheid: ['pleger'] },
          { voornamen: 'Noor', geslachtsnaam: 'Smit', geboortedatum: '2018-07-01', relatie: 'kind', betrokkenheid: ['getuige'], adres: SEALED_ADDRESS, afgeschermd: true },
        ],
        veiligheidsinschatting: { score: 3, toelichting: 'VT-inschatting: acuut onveilig na melding politie' },
        regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Wijchen' },
      },
    });
    expect(receipt.statusCode, receipt.body).toBe(201);
    const id = receipt.json().casusId as string;
    const body = await exportOf(id, clientFor(t, { gemeenten: ['Wijchen'] }));
    expect(validationErrors(body)).toEqual([]);
    expect(body.zaak).toMatchObject({ bronorganisatie: '001728611', verantwoordelijkeOrganisatie: FOUNDATION_RSIN });
    expect(body.rollen.slice(1).map((r) => r.betrokkeneIdentificatie)).toEqual([
      { voornamen: 'Eva', geslachtsnaam: 'Smit', geboortedatum: '1990-03-04' },
      { geslachtsnaam: 'Maria Santos Oliveira', geboortedatum: '1989-11-20' },
      { voornamen: 'Noor', geslachtsnaam: 'Smit', geboortedatum: '2018-07-01' },
    ]);
    const text = JSON.stringify(body);
    for (const forbidden of ['111222333', '123456782', 'inpBsn', 'Verborgen Hof', 'verblijfsadres', 'VT-inschatting', 'acuut onveilig', 'slachtoffer', 'pleger', 'getuige']) {
      expect(text, forbidden).not.toContain(forbidden);
    }
  });

  it('fails validation when a required field is missing or wrong: the check has teeth', async () => {
    const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    const body = await exportOf(id);
    expect(validationErrors(body)).toEqual([]);
    const api = zakenApi();
    const without = (object: Record<string, unknown>, field: string) => Object.fromEntries(Object.entries(object).filter(([key]) => key !== field));
    const missing = (errors: { keyword: string; params: Record<string, unknown> }[]) => errors.filter((e) => e.keyword === 'required').map((e) => e.params.missingProperty);

    for (const field of ['bronorganisatie', 'verantwoordelijkeOrganisatie', 'zaaktype', 'startdatum']) {
      expect(missing(api.errors('Zaak', without(body.zaak, field))), field).toEqual([field]);
    }
    for (const field of ['zaak', 'statustype', 'datumStatusGezet']) {
      expect(missing(api.errors('Status', without(body.statussen[0]!, field))), field).toEqual([field]);
    }
    for (const rol of [body.rollen[0]!, body.rollen[1]!]) {
      for (const field of ['zaak', 'roltype', 'roltoelichting', 'betrokkeneType']) {
        expect(missing(api.errors(rolSchemaFor(rol), without(rol, field))), `${rol.betrokkeneType}.${field}`).toContain(field);
      }
    }
    // Not only presence: a municipality's name is no RSIN (too long: the reference allows 9 characters), a name is no zaaktype URL, and "geheim" is no zeer_geheim.
    expect(api.errors('Zaak', { ...body.zaak, bronorganisatie: 'Berg en Dal' }).map((e) => e.instancePath)).toContain('/bronorganisatie');
    // The reference says "a valid RSIN" in words only: the eleven test is checked here.
    expect([body.zaak.bronorganisatie, body.zaak.verantwoordelijkeOrganisatie].every((rsin) => passesElevenTest(String(rsin)))).toBe(true);
    expect(api.errors('Zaak', { ...body.zaak, zaaktype: 'MDA++ casus' }).map((e) => e.instancePath)).toContain('/zaaktype');
    expect(api.errors('Zaak', { ...body.zaak, archiefactiedatum: 'morgen' }).map((e) => e.instancePath)).toContain('/archiefactiedatum');
    expect(api.errors('Zaak', { ...body.zaak, vertrouwelijkheidaanduiding: 'heel_geheim' }).length).toBeGreaterThan(0);
    const person = body.rollen[1]!;
    expect(api.errors('natuurlijk_persoon_Rol', { ...person, betrokkeneIdentificatie: { ...person.betrokkeneIdentificatie, voornamen: null } }).length).toBeGreaterThan(0);
  });

  it('a regisseur whose id does not fit RolMedewerker.identificatie (24 characters) is named by role and organisation only, still valid', async () => {
    const long = clientFor(t, { sub: 'medewerker-0123456789-abcdef' });
    const id = (await long.request('POST', '/v1/casussen', { body: household })).json().id as string;
    const body = await exportOf(id, long);
    expect(validationErrors(body)).toEqual([]);
    expect(body.rollen[0]).toMatchObject({ betrokkeneType: 'medewerker', betrokkeneIdentificatie: {} });
    // The reference would refuse the whole id: the check is real.
    expect(zakenApi().errors('medewerker_Rol', { ...body.rollen[0], betrokkeneIdentificatie: { identificatie: 'medewerker-0123456789-abcdef' } }).map((e) => e.keyword)).toContain('maxLength');
  });

  it('without the region\'s ZGW configuration the export is refused, not guessed', async () => {
    const bare = await createTestApp({ env: { ZGW_ZAKEN_API_URL: '', ZGW_ZAAKTYPEN: '' } });
    try {
      const client = clientFor(bare);
      const id = (await client.request('POST', '/v1/casussen', { body: household })).json().id as string;
      const response = await client.get(`/v1/casussen/${id}/zgw`);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ code: 'zgw.niet-geconfigureerd' });
      expect(response.json().detail).toContain('ZGW_ZAAKTYPEN');
    } finally {
      await bare.close();
    }
  });

  it('the types come from the configuration: another region\'s catalogue and Zaken API', async () => {
    const catalogue = 'https://catalogi.regio.example/api/v1';
    const types = JSON.parse(zgwTypesSetting(DEMO_ZGW).replaceAll('https://open-zaak.gelderland-zuid.example/catalogi/api/v1', catalogue)) as typeof DEMO_ZGW.types;
    const other = await createTestApp({ env: { ZGW_ZAKEN_API_URL: 'https://zaken.regio.example/api/v1/', ZGW_ZAAKTYPEN: JSON.stringify(types) } });
    try {
      const client = clientFor(other);
      const id = (await client.request('POST', '/v1/casussen', { body: household })).json().id as string;
      const body = (await client.get(`/v1/casussen/${id}/zgw`)).json<Export>();
      expect(validationErrors(body)).toEqual([]);
      expect(body.zaak.zaaktype).toBe(types.lokaal.zaaktype);
      expect(String(body.zaak.zaaktype).startsWith(catalogue)).toBe(true);
      expect(body.statussen[0]?.zaak).toBe(`https://zaken.regio.example/api/v1/zaken/${id}`);
    } finally {
      await other.close();
    }
  });
});
