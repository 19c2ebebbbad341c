import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, plan, toplist } from '../helpers/client.js';

describe('ZGW export of a case', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('shows the case as a zaak: zaaktype MDA++ casus, a status per phase, roles, no result while open', async () => {
    const mw = clientFor(t);
    const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    await mw.write('PUT', `/v1/casussen/${id}/veiligheidsplan`, 1, plan());
    await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 2, toplist(6));
    t.clock.advance(86_400_000);
    await mw.write('POST', `/v1/casussen/${id}/faseovergangen`, 3, { naar: 'oorzaken-onderzoeken' });
    const response = await mw.get(`/v1/casussen/${id}/zgw`);
    expect(response.statusCode, response.body).toBe(200);
    const zaak = response.json();
    expect(zaak).toMatchObject({
      identificatie: id,
      // The RSIN of Nijmegen in the tests' region (GEMEENTEN).
      bronorganisatie: '001825264',
      zaaktype: { omschrijving: 'MDA++ casus' },
      startdatum: '2026-01-15',
      einddatum: null,
      vertrouwelijkheidaanduiding: 'zeer_geheim',
      status: { statustype: { omschrijving: 'oorzaken-onderzoeken' } },
      resultaat: null,
    });
    expect(zaak.statussen.map((s: { statustype: { omschrijving: string } }) => s.statustype.omschrijving)).toEqual(['directe-veiligheid', 'oorzaken-onderzoeken']);
    expect(zaak.rollen.map((r: { roltype: { omschrijving: string } }) => r.roltype.omschrijving)).toEqual(['regisseur', 'lid huishouden', 'lid huishouden', 'lid huishouden']);
    expect((await clientFor(t, { sub: 'p', rol: 'ketenpartner' }).get(`/v1/casussen/${id}/zgw`)).statusCode).toBe(403);
  });
});
