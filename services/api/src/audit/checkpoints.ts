/**
 * Checkpoints of the access log (security finding 3): the heads of all its
 * chains (each chain's last row id and hash), sealed with the audit key and
 * kept outside the database. The chains show a changed or removed row in
 * their middle; only a record kept elsewhere shows rows removed from their
 * end, or a chain rewritten by someone who captured the rows' HMACs.
 *
 * Each instance appends to a file of its own in AUDIT_CHECKPOINT_DIR, one JSON
 * line per checkpoint, opened append-only and never rewritten: `periodiek`
 * every AUDIT_CHECKPOINT_INTERVAL_MS when a head moved, `afsluiting` at
 * shutdown, `herstel` after a restore (written by `pnpm audit:verify --
 * --herstel`). Within a file checkpoints are numbered and each names the
 * signature of the one before, so a removed line shows. Every checkpoint also
 * goes to the log (pino, `controlepunt`), for log shipping: the same signed
 * content, so a copy kept elsewhere verifies too.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readdir, readFile, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { accessLogHeads, type AuditKey, type AuditKeyring, type Database } from '@veilig-samen/db';
import type { Clock } from '@veilig-samen/domain';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';

export const CHECKPOINT_KINDS = ['periodiek', 'afsluiting', 'herstel'] as const;
export type CheckpointKind = (typeof CHECKPOINT_KINDS)[number];

const head = z.object({
  /** null: the single chain written before migration 0013. */
  chain: z.number().int().min(0).nullable(),
  /** The id of the chain's last row. */
  seq: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

const checkpointSchema = z.strictObject({
  instance: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/),
  /** 1, 2, 3, … within the instance's file. */
  seq: z.number().int().min(1),
  at: z.iso.datetime(),
  kind: z.enum(CHECKPOINT_KINDS),
  keyId: z.string().min(1),
  heads: z.array(head),
  /** The signature of the previous checkpoint in the file (null for the first). */
  prev: z.string().nullable(),
  /** For `herstel`: the backup that was restored. */
  bron: z.string().max(500).optional(),
  hmac: z.string(),
});

export type Checkpoint = z.output<typeof checkpointSchema>;
export type ChainHead = z.output<typeof head>;

/** What the signature covers: everything but itself, in a fixed order, under a label no access-log row's HMAC starts with. */
function signature(secret: string, c: Omit<Checkpoint, 'hmac'>): string {
  const content = ['veilig-samen-controlepunt-1', c.instance, c.seq, c.at, c.kind, c.keyId, c.heads.map((h) => [h.chain, h.seq, h.hash]), c.prev, c.bron ?? null];
  return createHmac('sha256', secret).update(JSON.stringify(content)).digest('hex');
}

function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface CheckpointWriter {
  /** The file this instance appends to. */
  readonly file: string;
  /**
   * Seals the chains' current heads. A periodic checkpoint is skipped when no
   * head moved since this instance's last one; the others are always written.
   */
  write(kind: CheckpointKind, bron?: string): Promise<Checkpoint | undefined>;
  close(): Promise<void>;
}

export interface CheckpointDeps {
  readonly db: Database;
  readonly dir: string;
  readonly key: AuditKey;
  readonly clock: Clock;
  readonly logger?: FastifyBaseLogger;
  /** Prefixed to the instance name (`herstel` for the restore script). */
  readonly label?: string;
}

/** This process's name in the checkpoints: host, start time and a random part, so no two runs share a file. */
function instanceName(label: string | undefined, now: Date): string {
  const host = hostname().replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 60) || 'host';
  const started = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return [label, host, started, randomBytes(3).toString('hex')].filter(Boolean).join('_');
}

/**
 * Creates this instance's checkpoint file (refusing an existing one) and
 * keeps it open for appending. Fails when the folder is not writable, so the
 * service does not start without a place for its checkpoints.
 */
export async function openCheckpointWriter(deps: CheckpointDeps): Promise<CheckpointWriter> {
  const instance = instanceName(deps.label, deps.clock.now());
  const file = path.join(path.resolve(deps.dir), `${instance}.jsonl`);
  let handle: FileHandle;
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o750 });
    handle = await open(file, 'ax', 0o640);
  } catch (error) {
    throw new Error(`De controlepunten van het toegangslog kunnen niet geschreven worden in ${path.dirname(file)} (AUDIT_CHECKPOINT_DIR).`, { cause: error });
  }
  let seq = 0;
  let prev: string | null = null;
  let lastHeads = '';
  // One at a time: a periodic checkpoint and the one at shutdown never interleave.
  let queue: Promise<unknown> = Promise.resolve();

  const append = async (kind: CheckpointKind, bron: string | undefined): Promise<Checkpoint | undefined> => {
    const heads = await accessLogHeads(deps.db);
    const headsText = JSON.stringify(heads);
    if (kind === 'periodiek' && seq > 0 && headsText === lastHeads) return undefined;
    const unsigned: Omit<Checkpoint, 'hmac'> = {
      instance,
      seq: seq + 1,
      at: deps.clock.now().toISOString(),
      kind,
      keyId: deps.key.id,
      heads,
      prev,
      ...(bron === undefined ? {} : { bron }),
    };
    const checkpoint: Checkpoint = { ...unsigned, hmac: signature(deps.key.secret, unsigned) };
    await handle.write(`${JSON.stringify(checkpoint)}\n`);
    await handle.datasync();
    seq = checkpoint.seq;
    prev = checkpoint.hmac;
    lastHeads = headsText;
    deps.logger?.info({ controlepunt: checkpoint }, 'access log checkpoint');
    return checkpoint;
  };

  return {
    file,
    write: (kind, bron) => {
      const next = queue.then(() => append(kind, bron));
      queue = next.catch(() => undefined);
      return next;
    },
    close: async () => {
      await queue;
      await handle.close();
    },
  };
}

export interface CheckpointRead {
  /** Every checkpoint whose signature holds, from every file. */
  readonly checkpoints: readonly Checkpoint[];
  /** Files read (instances). */
  readonly files: number;
  /** What is wrong with the files: unreadable or forged lines, removed lines. */
  readonly findings: readonly string[];
}

/**
 * Reads and checks every checkpoint file in `dir`: each line must parse, be
 * signed with a known key, belong to its file, and follow the line before it
 * (next number, that line's signature as `prev`). A line whose signature
 * holds counts even when the one before it is missing: it is authentic.
 */
export async function readCheckpoints(dir: string, keyring: AuditKeyring): Promise<CheckpointRead> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.jsonl')).sort();
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return { checkpoints: [], files: 0, findings: [] };
    throw error;
  }
  const checkpoints: Checkpoint[] = [];
  const findings: string[] = [];
  for (const name of names) {
    const instance = name.slice(0, -'.jsonl'.length);
    const lines = (await readFile(path.join(dir, name), 'utf8')).split('\n');
    if (lines.at(-1) === '') lines.pop();
    let expected: { seq: number; prev: string | null } = { seq: 1, prev: null };
    lines.forEach((line, index) => {
      const where = `${name} regel ${index + 1}`;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = undefined;
      }
      const result = checkpointSchema.safeParse(parsed);
      if (!result.success) {
        findings.push(`Controlepunt ONLEESBAAR in ${where}: geen geldig controlepunt.`);
        return;
      }
      const checkpoint = result.data;
      const secret = keyring.get(checkpoint.keyId);
      if (secret === undefined) {
        findings.push(`Controlepunt in ${where} is ondertekend met sleutel ${checkpoint.keyId}, die niet bekend is (zet hem in AUDIT_KEYS_OLD).`);
        return;
      }
      const { hmac, ...unsigned } = checkpoint;
      if (!sameSignature(hmac, signature(secret, unsigned))) {
        findings.push(`Controlepunt VERVALST in ${where}: de handtekening klopt niet (gewijzigd of niet met de sleutel gemaakt).`);
        return;
      }
      if (checkpoint.instance !== instance) {
        findings.push(`Controlepunt in ${where} hoort bij instantie ${checkpoint.instance}, niet bij dit bestand (verplaatst).`);
        return;
      }
      if (checkpoint.seq !== expected.seq) {
        findings.push(`Controlepunt ONTBREEKT in ${name}: na nummer ${expected.seq - 1} komt nummer ${checkpoint.seq} (${where}).`);
      } else if (checkpoint.prev !== expected.prev) {
        findings.push(`Controlepunt ONTBREEKT in ${name}: ${where} verwijst niet naar het controlepunt ervoor.`);
      }
      expected = { seq: checkpoint.seq + 1, prev: checkpoint.hmac };
      checkpoints.push(checkpoint);
    });
  }
  return { checkpoints, files: names.length, findings };
}
