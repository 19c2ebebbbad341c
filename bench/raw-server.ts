/**
 * The raw baseline: a bare Fastify server on a bare pg pool of the same size
 * as the service's, doing only the row work of each measured endpoint, with
 * no authentication, validation, domain rules or access checks.
 *   GET  /raw/casussen/:id                    one SELECT of the case row
 *   GET  /raw/casussen/:id?log=1              the same, then one access-log row (autocommit), as every read
 *                                             of case data must be logged before it is answered
 *   POST /raw/casussen/:id/veiligheidsscores  BEGIN; SELECT FOR UPDATE; INSERT event; UPDATE case; log row; COMMIT
 * The log rows are written as the service writes them (issue 15): keyed with
 * the audit key (an HMAC made here) and linked into their chain by the
 * database's access_log_append, so the baseline pays what the law and the
 * security review ask of every access. The write works on copies of the
 * service's case tables (bench_cases, bench_events: same columns and indexes,
 * no triggers) so it never touches the service's cases. Started by
 * bench/run.ts with DATABASE_URL, AUDIT_KEY, AUDIT_KEY_ID and PORT.
 */
import { accessLogChain, accessLogMac, type AccessLogEntry } from '@veilig-samen/db';
import Fastify from 'fastify';
import pg from 'pg';

const KEY = { id: process.env.AUDIT_KEY_ID ?? 'bench', secret: process.env.AUDIT_KEY ?? '' };
if (!KEY.secret) throw new Error('raw baseline: AUDIT_KEY is required (the log rows are keyed as the service keys them)');

/** One access-log row, keyed and chained as the service appends it. */
async function logAccess(client: pg.Pool | pg.PoolClient, caseId: string, action: string, status: number, requestId: string, at: Date): Promise<void> {
  const entry: AccessLogEntry = {
    at,
    actorSub: 'bench',
    actorOrganisation: 'Bench',
    actorRole: 'lokaal-team',
    onBehalfOf: null,
    caseId,
    memberIds: [],
    action,
    result: 'toegestaan',
    status,
    purpose: 'regie',
    breakGlass: false,
    requestId,
  };
  const chain = accessLogChain(entry);
  await client.query(
    `SELECT access_log_append($1::smallint, $2, $3, $4::timestamptz, $5, $6, $7, NULL, $8::uuid, '[]'::jsonb, $9, 'toegestaan', $10::integer, 'regie', false, $11)`,
    [chain, KEY.id, accessLogMac(KEY, chain, entry), at.toISOString(), 'bench', 'Bench', 'lokaal-team', caseId, action, status, requestId],
  );
}

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX ?? 10) });
const app = Fastify({ logger: false });

app.get('/health', async () => ({ status: 'ok' }));

app.get<{ Params: { id: string }; Querystring: { log?: string } }>('/raw/casussen/:id', async (request, reply) => {
  const { rows } = await pool.query('SELECT * FROM cases WHERE id = $1', [request.params.id]);
  if (!rows[0]) return reply.code(404).send({ status: 404 });
  if (request.query.log) {
    await logAccess(pool, request.params.id, 'GET /raw/casussen/:id', 200, request.id, new Date());
  }
  return rows[0];
});

interface CaseState {
  context: { laatsteScore: unknown };
}

app.post<{ Params: { id: string }; Body: { score: number; acties: string[] } }>('/raw/casussen/:id/veiligheidsscores', async (request, reply) => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ version: number; state: CaseState }>('SELECT * FROM bench_cases WHERE id = $1 FOR UPDATE', [request.params.id]);
    const row = rows[0];
    if (!row) {
      await client.query('ROLLBACK');
      return reply.code(404).send({ status: 404 });
    }
    const version = row.version + 1;
    const now = new Date();
    const event = { type: 'veiligheidsscore.vastgelegd', score: request.body.score, acties: request.body.acties, op: now.toISOString() };
    // As the machine (version 3): the snapshot keeps the latest score; the series is in the event log.
    row.state.context.laatsteScore = event;
    await client.query(
      `INSERT INTO bench_events (case_id, seq, type, payload, actor_sub, actor_role, actor_organisation, occurred_at)
       VALUES ($1, $2, $3, $4, 'bench', 'lokaal-team', 'Bench', $5)`,
      [request.params.id, version, event.type, event, now],
    );
    await client.query('UPDATE bench_cases SET version = $2, state = $3, updated_at = $4 WHERE id = $1', [request.params.id, version, row.state, now]);
    await logAccess(client, request.params.id, 'POST /raw/casussen/:id/veiligheidsscores', 201, request.id, now);
    await client.query('COMMIT');
    return reply.code(201).header('etag', `"${version}"`).send({ id: request.params.id, versie: version, state: row.state });
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
});

await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end()).then(() => process.exit(0));
});
