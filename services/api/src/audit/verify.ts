/**
 * `pnpm audit:verify` (security finding 3): the access log against its keys
 * and against the checkpoints kept outside the database. Reported, each as a
 * finding (exit code 1):
 * - a row whose link or keyed HMAC does not hold: changed, inserted, or its
 *   chain recomputed without the key;
 * - a chain shorter than a checkpoint sealed it (rows removed from its end),
 *   a sealed row that is gone, or a sealed head whose hash differs (the chain
 *   rewritten after it was sealed);
 * - a checkpoint that is unreadable, forged, or signed with an unknown key;
 * - a missing checkpoint: a gap in an instance's numbered checkpoints, or rows
 *   older than twice the checkpoint interval that no checkpoint seals (the
 *   service seals every row within one interval, and at shutdown, so such rows
 *   mean that checkpoints were removed, or were never written); rows without
 *   a key that no checkpoint seals (only rows from before migration 0015 may
 *   lack a key, and the first checkpoint after it sealed them).
 * A restore rolls the log back on purpose; it writes a signed `herstel`
 * checkpoint, and only checkpoints from the latest restore on are held
 * against the chains (the earlier ones are still checked for signatures and gaps).
 */
import { accessLogChainRow, accessLogRowsAfter, verifyAccessLogChains, type AuditKeyring, type Database } from '@veilig-samen/db';
import { readCheckpoints, type ChainHead, type Checkpoint } from './checkpoints.js';

export interface AuditReport {
  readonly findings: readonly string[];
  /** One line: what was checked. */
  readonly summary: string;
}

export interface AuditVerifyOptions {
  readonly checkpointDir: string;
  readonly checkpointIntervalMs: number;
  readonly now: Date;
}

const chainName = (chain: number | null) => (chain === null ? 'van voor migratie 0013' : String(chain));
const when = (checkpoint: Checkpoint) => `${checkpoint.kind} ${checkpoint.at} van ${checkpoint.instance}`;

export async function verifyAudit(db: Database, keyring: AuditKeyring, options: AuditVerifyOptions): Promise<AuditReport> {
  const chains = await verifyAccessLogChains(db, keyring);
  const findings: string[] = chains.broken.map((b) => `Toegangslog GEBROKEN in keten ${chainName(b.chain)} bij regel ${b.id}: ${b.reason}`);
  const read = await readCheckpoints(options.checkpointDir, keyring);
  findings.push(...read.findings);

  // A restore rolls back on purpose: from the latest one on, the checkpoints describe this database.
  const restore = read.checkpoints.filter((c) => c.kind === 'herstel').sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
  const applicable = restore ? read.checkpoints.filter((c) => Date.parse(c.at) >= Date.parse(restore.at)) : read.checkpoints;
  // Per chain the furthest sealed head: the chain must still reach it, with the same hash
  // (which covers every row before it: each link commits to the one before).
  const sealed = new Map<number | null, { head: ChainHead; by: Checkpoint }>();
  for (const checkpoint of applicable) {
    for (const head of checkpoint.heads) {
      const known = sealed.get(head.chain);
      if (!known || head.seq > known.head.seq) sealed.set(head.chain, { head, by: checkpoint });
    }
  }
  for (const { head, by } of sealed.values()) {
    const { row, lastId } = await accessLogChainRow(db, head.chain, head.seq);
    if (row === undefined && lastId < head.seq) {
      findings.push(`Toegangslog INGEKORT: keten ${chainName(head.chain)} eindigt bij regel ${lastId || 'geen'}, maar het controlepunt (${when(by)}) verzegelde hem tot regel ${head.seq}.`);
    } else if (row === undefined) {
      findings.push(`Toegangslog: regel ${head.seq} van keten ${chainName(head.chain)}, verzegeld door het controlepunt (${when(by)}), is verwijderd.`);
    } else if (row.hash !== head.hash) {
      findings.push(`Toegangslog HERSCHREVEN: regel ${head.seq} van keten ${chainName(head.chain)} heeft een andere hash dan het controlepunt (${when(by)}) verzegelde.`);
    }
  }

  // Every row is sealed within one interval (and at shutdown); twice that is the margin.
  const due = new Date(options.now.getTime() - 2 * options.checkpointIntervalMs);
  for (const end of chains.ends) {
    const sealedUpTo = sealed.get(end.chain)?.head.seq ?? 0;
    const unsealed = await accessLogRowsAfter(db, end.chain, sealedUpTo, due);
    if (unsealed.rows > 0) {
      const why = read.checkpoints.length === 0 ? `er staan geen controlepunten in ${options.checkpointDir}` : 'controlepunten ontbreken, of de service schreef ze niet';
      findings.push(
        `Controlepunt ONTBREEKT: ${unsealed.rows} regel(s) van keten ${chainName(end.chain)} van ${unsealed.oldest?.toISOString() ?? '?'} en later zijn door geen controlepunt verzegeld (${why}).`,
      );
    }
    const unkeyedUpTo = end.chain === null ? end.id : (end.lastUnkeyedId ?? 0);
    if (unkeyedUpTo > sealedUpTo) {
      findings.push(`Toegangslog: keten ${chainName(end.chain)} heeft regels zonder sleutel na het laatste controlepunt (tot regel ${unkeyedUpTo}): ingevoegd zonder de sleutel.`);
    }
  }

  const latest = [...read.checkpoints].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
  const summary =
    `Toegangslog in orde: ${chains.checked} regels in ${chains.chains} ketens, met de sleutel gecontroleerd; ` +
    `${read.checkpoints.length} controlepunten van ${read.files} instantie(s)` +
    (latest ? `, laatste ${when(latest)}` : '') +
    (restore ? `; hersteld op ${restore.at}${restore.bron ? ` uit ${restore.bron}` : ''}` : '') +
    '.';
  return { findings, summary };
}
