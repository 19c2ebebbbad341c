/**
 * Nothing personal in logs or URLs: a full scenario with the fixtures' names,
 * birth dates and a BSN runs with logging at debug level, and the log output
 * is scanned for them.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../../services/api/src/logging/logger.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, householdWithBirthDates as household, plan, toplist } from '../helpers/client.js';

describe('logs hold no personal data', () => {
  const output: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output.push(chunk.toString('utf8'));
        done();
      },
    });
    t = await createTestApp({ logger: pino(loggerOptions('debug'), sink) });
  });
  afterAll(async () => t.close());

  it('after creating, reading, changing and refusing cases and messages', async () => {
    const mw = clientFor(t);
    const vt = clientFor(t, { sub: 'vt', rol: 'integratie', organisatie: 'Veilig Thuis' });
    const created = await mw.request('POST', '/v1/casussen', { body: household });
    const id = created.json().id as string;
    await mw.get(`/v1/casussen/${id}`);
    await mw.write('PUT', `/v1/casussen/${id}/veiligheidsplan`, 1, plan());
    await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 2, toplist(5));
    await mw.get(`/v1/casussen/${id}/tijdlijn`);
    // A search names a person in the URL (issue 17): the logged URL hides the term.
    await mw.get('/v1/casussen?zoek=Zoekterm-Jansen&paginaGrootte=5');
    // Refusals and validation errors that echo the body's fields.
    await mw.request('POST', '/v1/casussen', { body: { ...household, leden: [{ ...household.leden[0], geboortedatum: 'Anna de Vries' }] } });
    await mw.request('POST', '/v1/casussen', { body: { ...household, gemeente: 'Arnhem' } });
    await vt.request('POST', '/v1/berichten', {
      body: {
        type: 'overdracht',
        gemeente: 'Nijmegen',
        bron: 'veilig-thuis',
        leden: [{ naam: 'Anna de Vries', geboortedatum: '1988-05-12', bsn: '111222333', relatie: 'ouder', betrokkenheid: ['slachtoffer'] }],
        veiligheidsinschatting: { toelichting: 'Bram de Vries dreigde' },
        regisseur: { id: 'mw-001', organisatie: 'Wijkteam' },
      },
      headers: { 'idempotency-key': randomUUID() },
    });

    const log = output.join('');
    expect(log.length).toBeGreaterThan(1000);
    for (const lid of household.leden) {
      expect(log).not.toContain(`${lid.voornamen} ${lid.voorvoegsel} ${lid.geslachtsnaam}`);
      expect(log).not.toContain(lid.geboortedatum);
    }
    expect(log).not.toContain('111222333');
    expect(log).not.toContain('Zoekterm-Jansen');
    expect(log).toContain('zoek=[verborgen]');
    expect(log).not.toContain('dreigde');
    expect(log).not.toMatch(/authorization"\s*:\s*"Bearer/i);
  });
});

describe('control characters', () => {
  let t: TestApp;
  const output: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({ write(chunk: Buffer, _e, done) { output.push(chunk.toString('utf8')); done(); } });
    t = await createTestApp({ logger: pino(loggerOptions('debug'), sink) });
  });
  afterAll(async () => t.close());

  it('a NUL in a name is a 400 naming the field, changes nothing, and leaves the name out of the logs', async () => {
    const mw = clientFor(t);
    const response = await mw.request('POST', '/v1/casussen', { body: { ...household, leden: [{ ...household.leden[0], geslachtsnaam: 'Vr\u0000ies' }] } });
    expect(response.statusCode).toBe(400);
    expect(response.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['leden[0].geslachtsnaam']);
    const count = await t.database.handle.pool.query('SELECT count(*)::int AS n FROM cases');
    expect(count.rows[0].n).toBe(0);
    expect(output.join('')).not.toContain('Vr\\u0000ies');
    expect(output.join('')).not.toContain('de Vries');
  });
});
