/**
 * A command that waits for the case's row lock reads the case as the command
 * before it left it. Under READ COMMITTED the lock statement's subqueries
 * (the network facts and pending timers read with the row) still saw the
 * snapshot from before the wait, so a command after one that added a timer
 * added it again (the attacker review of issue 14: two pending
 * huisverbod-einde timers for one restraining order).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, type Client } from '../helpers/client.js';

describe('a command that waited for the row lock', () => {
  let t: TestApp;
  let regisseur: Client;
  beforeAll(async () => {
    t = await createTestApp();
    regisseur = clientFor(t);
  });
  afterAll(async () => t.close());

  it('sees the timers and the network as the command before it left them', async () => {
    const created = await regisseur.request('POST', '/v1/casussen', {
      body: { gemeente: 'Nijmegen', bron: 'veilig-thuis', leden: [{ naam: 'Tim Er', geboortedatum: '1980-01-01', relatie: 'ouder', betrokkenheid: ['slachtoffer'] }] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const version = created.json().versie as number;
    const pending = async () =>
      (await t.database.handle.pool.query<{ kind: string }>("SELECT kind FROM timers WHERE case_id = $1 AND fired_at IS NULL AND cancelled_at IS NULL AND kind = 'huisverbod-einde'", [id])).rows;

    const holder = new pg.Client({ connectionString: t.database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [id]);
      // First in line: a restraining order (adds a huisverbod-einde timer). Second: any command on the version it makes.
      const system = clientFor(t, { sub: 'vt-sys', rol: 'integratie', organisatie: 'Veilig Thuis', oin: '00000009999999990000' });
      const order = system.request('POST', '/v1/berichten', {
        body: { type: 'huisverbod', gemeente: 'Nijmegen', personen: [{ naam: 'Tim Er', geboortedatum: '1980-01-01' }], actie: 'opgelegd', startdatum: '2026-01-15T08:00:00Z', einddatum: '2026-01-25T08:00:00Z' },
        headers: { 'idempotency-key': 'lock-wait-1' },
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const member = regisseur.write('POST', `/v1/casussen/${id}/leden`, version + 1, { naam: 'Kind X', relatie: 'kind', betrokkenheid: ['getuige'] });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await holder.query('COMMIT');
      const [ordered, added] = await Promise.all([order, member]);
      expect(ordered.statusCode, ordered.body).toBe(201);
      expect(added.statusCode, added.body).toBe(201);
    } finally {
      await holder.end();
    }
    expect(await pending()).toHaveLength(1);
  });
});
