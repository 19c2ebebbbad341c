import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, plan, toplist, type Client } from '../helpers/client.js';

describe('listing cases', () => {
  let t: TestApp;
  let nijmegen: Client;
  const ids: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    nijmegen = clientFor(t, { gemeenten: ['Nijmegen', 'Wijchen'] });
    for (let i = 0; i < 5; i++) {
      t.clock.advance(86_400_000);
      const created = await nijmegen.request('POST', '/v1/casussen', { body: { ...household, gemeente: i === 4 ? 'Wijchen' : 'Nijmegen' } });
      ids.push(created.json().id);
    }
    // The third case moves on to oorzaken-onderzoeken, with another regisseur.
    const third = ids[2] ?? '';
    await nijmegen.write('PUT', `/v1/casussen/${third}/veiligheidsplan`, 1, plan());
    await nijmegen.write('POST', `/v1/casussen/${third}/veiligheidsscores`, 2, toplist(7));
    await nijmegen.write('POST', `/v1/casussen/${third}/faseovergangen`, 3, { naar: 'oorzaken-onderzoeken' });
    // The former regisseur stays in the network, so the case stays in their list.
    await nijmegen.request('POST', `/v1/casussen/${third}/betrokkenen`, { body: { soort: 'professional', id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen', rol: 'vervanger', grondslag: 'Wmo 2015' } });
    // A handover is proposed to a known colleague and accepted by them (issue 16 point 11).
    const newRegisseur = clientFor(t, { sub: 'mw-777', organisatie: 'Wijkteam Oost' });
    await newRegisseur.get('/v1/ik');
    await nijmegen.write('PUT', `/v1/casussen/${third}/regisseur`, 4, { regisseur: { id: 'mw-777', organisatie: 'Wijkteam Oost' }, reden: 'Werkverdeling' });
    await newRegisseur.write('POST', `/v1/casussen/${third}/regiewissel/acceptatie`, 5);
    // A case elsewhere that nobody here may see.
    await clientFor(t, { sub: 'mw-arnhem', gemeenten: ['Arnhem'] }).request('POST', '/v1/casussen', { body: { ...household, gemeente: 'Arnhem' } });
  });
  afterAll(async () => t.close());

  it('lists the cases the caller is involved in, oldest first, with a compact summary (no member details)', async () => {
    const response = await nijmegen.get('/v1/casussen');
    expect(response.statusCode).toBe(200);
    const list = response.json().casussen;
    expect(list.map((c: { id: string }) => c.id)).toEqual(ids);
    expect(response.headers['x-total-count']).toBe('5');
    expect(list[0]).not.toHaveProperty('leden');
    expect(list[2]).toMatchObject({ fase: 'oorzaken-onderzoeken', regisseur: { id: 'mw-777' }, laatsteVeiligheidsscore: 7, drempelBereikt: true, versie: 6 });
  });

  it('pages with Link headers and a stable order', async () => {
    const first = await nijmegen.get('/v1/casussen?paginaGrootte=2');
    expect(first.json().casussen.map((c: { id: string }) => c.id)).toEqual(ids.slice(0, 2));
    expect(first.headers.link).toContain('pagina=2&paginaGrootte=2>; rel="next"');
    expect(first.headers.link).toContain('pagina=3&paginaGrootte=2>; rel="last"');
    expect(first.headers.link).not.toContain('rel="prev"');
    const last = await nijmegen.get('/v1/casussen?paginaGrootte=2&pagina=3');
    expect(last.json().casussen.map((c: { id: string }) => c.id)).toEqual(ids.slice(4));
    expect(last.headers.link).toContain('rel="prev"');
    expect(last.headers.link).not.toContain('rel="next"');
    const beyond = await nijmegen.get('/v1/casussen?paginaGrootte=2&pagina=9');
    expect(beyond.json().casussen).toEqual([]);
  });

  it('filters by phase, municipality, regisseur, escalation and deadline', async () => {
    const ids$ = async (query: string) => (await nijmegen.get(`/v1/casussen?${query}`)).json().casussen.map((c: { id: string }) => c.id);
    expect(await ids$('fase=oorzaken-onderzoeken')).toEqual([ids[2]]);
    expect(await ids$('gemeente=Wijchen')).toEqual([ids[4]]);
    expect(await ids$('regisseur=mw-777')).toEqual([ids[2]]);
    expect(await ids$('opgeschaald=true')).toEqual([]);
    expect(await ids$('opgeschaald=false')).toHaveLength(5);
    // Deadlines are 3 months after each start, one day apart: 2026-04-16 .. 2026-04-20.
    expect(await ids$(`deadlineVoor=${encodeURIComponent('2026-04-18T00:00:00+02:00')}`)).toEqual(ids.slice(0, 2));
  });

  it('shows only the cases one is involved in, and refuses bad filters', async () => {
    expect((await nijmegen.get('/v1/casussen?gemeente=Arnhem')).json().casussen).toEqual([]);
    expect((await clientFor(t, { sub: 'mw-999' }).get('/v1/casussen')).json().casussen).toEqual([]);
    const bad = await nijmegen.get('/v1/casussen?fase=klaar&paginaGrootte=1000&opgeschaald=misschien');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams.map((p: { name: string }) => p.name).sort()).toEqual(['fase', 'opgeschaald', 'paginaGrootte']);
  });
});
