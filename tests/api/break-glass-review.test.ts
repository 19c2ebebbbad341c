/**
 * Issue 14: "a break-the-glass review records its verdict (justified or not,
 * by whom, with a note), and unjustified ones reach the beheerder". Before,
 * GET /v1/noodtoegang only listed grants: nothing recorded that anyone had
 * looked at them, and the municipality never heard of an unjustified one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, type Client } from '../helpers/client.js';

describe('issue 14: a break-the-glass review records its verdict, and unjustified ones reach the beheerder', () => {
  let t: TestApp;
  let coordinator: Client;
  let auditor: Client;
  let nijmegenAdmin: Client;
  let wijchenAdmin: Client;
  /** Grants on a Nijmegen case (two) and a Wijchen case (one). */
  let nijmegenCase: string;
  let wijchenCase: string;
  const grants: string[] = [];

  const grantOf = async (client: Client, caseId: string, reden: string) => {
    const response = await client.request('POST', `/v1/casussen/${caseId}/noodtoegang`, { body: { reden } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const review = (client: Client, id: string | undefined, body: unknown, requestId?: string) =>
    client.request('POST', `/v1/noodtoegang/${id}/beoordeling`, { body, ...(requestId ? { headers: { 'x-request-id': requestId } } : {}) });
  const expectProblem = (response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, code: string) => {
    expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.json()).toMatchObject({ status, code });
  };

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH Gelderland-Zuid', gemeenten: [] });
    auditor = clientFor(t, { sub: 'audit-1', rol: 'auditor', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] });
    nijmegenAdmin = clientFor(t, { sub: 'beheer-1', rol: 'beheerder', organisatie: 'Gemeente Nijmegen', gemeenten: ['Nijmegen'] });
    wijchenAdmin = clientFor(t, { sub: 'beheer-w', rol: 'beheerder', organisatie: 'Gemeente Wijchen', gemeenten: ['Wijchen'] });
    nijmegenCase = (await clientFor(t).request('POST', '/v1/casussen', { body: household })).json().id;
    wijchenCase = (await clientFor(t, { sub: 'mw-w1', gemeenten: ['Wijchen'] }).request('POST', '/v1/casussen', { body: { ...household, gemeente: 'Wijchen' } })).json().id;
    grants.push(await grantOf(clientFor(t, { sub: 'mw-050' }), nijmegenCase, 'Acute melding in de nacht, regisseur niet bereikbaar'));
    grants.push(await grantOf(clientFor(t, { sub: 'mw-051' }), nijmegenCase, 'Nieuwsgierig naar de buren, geen melding'));
    grants.push(await grantOf(clientFor(t, { sub: 'mw-w2', gemeenten: ['Wijchen'] }), wijchenCase, 'Politie vraagt om informatie, regisseur ziek'));
  });
  afterAll(async () => t.close());

  it('lists unreviewed grants for the reviewers; a beheerder sees none yet', async () => {
    const open = (await auditor.get('/v1/noodtoegang?beoordeling=open')).json().noodtoegang;
    expect(open.map((g: { id: string }) => g.id).sort()).toEqual([...grants].sort());
    for (const grant of open) expect(grant.beoordeling).toBeNull();
    expect((await nijmegenAdmin.get('/v1/noodtoegang')).json().noodtoegang).toEqual([]);
  });

  it('records the verdict once: justified or not, by whom, when, with a note; in the access log of the case', async () => {
    const justified = await review(coordinator, grants[0], { oordeel: 'terecht', toelichting: 'Acute situatie, regisseur onbereikbaar' }, 'review-1');
    expect(justified.statusCode, justified.body).toBe(200);
    expect(justified.json()).toMatchObject({
      id: grants[0],
      casusId: nijmegenCase,
      beoordeling: { oordeel: 'terecht', toelichting: 'Acute situatie, regisseur onbereikbaar', door: { id: 'mda-001', rol: 'mda-coordinator' }, op: t.clock.now().toISOString() },
    });
    const logged = await t.database.handle.pool.query("SELECT case_id, action, result, status FROM access_log WHERE request_id = 'review-1'");
    expect(logged.rows).toEqual([{ case_id: nijmegenCase, action: 'POST /v1/noodtoegang/:id/beoordeling', result: 'toegestaan', status: 200 }]);

    for (const [id, verdict, note] of [[grants[1], 'onterecht', 'Geen reden om in te zien'], [grants[2], 'onterecht', 'Geen spoed; via de regisseur vragen']] as const) {
      const response = await review(auditor, id, { oordeel: verdict, toelichting: note });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().beoordeling).toMatchObject({ oordeel: verdict, door: { id: 'audit-1', rol: 'auditor' } });
    }
    // Never overwritten, by anyone.
    const again = await review(auditor, grants[0], { oordeel: 'onterecht', toelichting: 'Toch niet' });
    expectProblem(again, 409, 'noodtoegang.al-beoordeeld');
    expect(again.json().detail).toContain('mda-001');
    expect((await auditor.get('/v1/noodtoegang?beoordeling=terecht')).json().noodtoegang).toMatchObject([{ id: grants[0], beoordeling: { oordeel: 'terecht' } }]);
  });

  it('refuses other roles, unknown grants, and a review without a verdict or note', async () => {
    expectProblem(await review(nijmegenAdmin, grants[0], { oordeel: 'onterecht', toelichting: 'x' }), 403, 'auth.rol-niet-toegestaan');
    expectProblem(await review(clientFor(t), grants[0], { oordeel: 'onterecht', toelichting: 'x' }), 403, 'auth.rol-niet-toegestaan');
    expectProblem(await review(coordinator, '00000000-0000-4000-8000-000000000000', { oordeel: 'terecht', toelichting: 'x' }), 404, 'noodtoegang.niet-gevonden');
    for (const body of [{}, { oordeel: 'terecht' }, { oordeel: 'terecht', toelichting: '  ' }, { oordeel: 'misschien', toelichting: 'x' }]) {
      expectProblem(await review(coordinator, grants[0], body), 400, 'verzoek.ongeldig');
    }
  });

  it('two reviews at once: exactly one is recorded', async () => {
    const id = await grantOf(clientFor(t, { sub: 'mw-052' }), nijmegenCase, 'Dubbele beoordeling proberen');
    const responses = await Promise.all(
      // All 'terecht': an 'onterecht' winner would show up in the next test's beheerder list.
      Array.from({ length: 6 }, (_, i) => review(i % 2 ? auditor : coordinator, id, { oordeel: 'terecht', toelichting: `Oordeel ${i}` })),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const stored = await t.database.handle.pool.query('SELECT review_note FROM break_glass_grants WHERE id = $1', [id]);
    const winner = responses.find((r) => r.statusCode === 200)?.json().beoordeling.toelichting;
    expect(stored.rows).toEqual([{ review_note: winner }]);
  });

  it("unjustified grants reach the beheerder of the case's municipality, and only theirs", async () => {
    const forNijmegen = (await nijmegenAdmin.get('/v1/noodtoegang')).json().noodtoegang;
    expect(forNijmegen).toMatchObject([{ id: grants[1], casusId: nijmegenCase, medewerker: { id: 'mw-051' }, beoordeling: { oordeel: 'onterecht', toelichting: 'Geen reden om in te zien' } }]);
    expect(forNijmegen).toHaveLength(1);
    const forWijchen = (await wijchenAdmin.get('/v1/noodtoegang?beoordeling=onterecht')).json().noodtoegang;
    expect(forWijchen.map((g: { id: string }) => g.id)).toEqual([grants[2]]);
    expect((await clientFor(t, { sub: 'beheer-x', rol: 'beheerder', gemeenten: [] }).get('/v1/noodtoegang')).json().noodtoegang).toEqual([]);
    // A beheerder does not review and sees neither open nor justified grants.
    expectProblem(await nijmegenAdmin.get('/v1/noodtoegang?beoordeling=open'), 403, 'noodtoegang.beheerder-alleen-onterecht');
    expectProblem(await nijmegenAdmin.get('/v1/noodtoegang?beoordeling=terecht'), 403, 'noodtoegang.beheerder-alleen-onterecht');
    expectProblem(await clientFor(t).get('/v1/noodtoegang'), 403, 'auth.rol-niet-toegestaan');
  });

  it('every list of grants is in the access log of each case it shows', async () => {
    const response = await coordinator.request('GET', '/v1/noodtoegang', { headers: { 'x-request-id': 'lijst-1' } });
    const shown = [...new Set(response.json().noodtoegang.map((g: { casusId: string }) => g.casusId))].sort();
    expect(shown).toEqual([nijmegenCase, wijchenCase].sort());
    const logged = await t.database.handle.pool.query("SELECT case_id FROM access_log WHERE request_id = 'lijst-1' ORDER BY case_id");
    expect(logged.rows.map((r) => r.case_id)).toEqual(shown);
  });
});
