/**
 * schema.ts and the migrations agree: drizzle-kit diffs schema.ts against the
 * last snapshot in migrations/meta, so a missing or stale snapshot (as after
 * the hand-written 0016 and 0017) makes the next `pnpm db:generate` emit a
 * migration that repeats what was already applied. Generating into a copy of
 * the migrations folder must find nothing to do.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/process.js';

const run = promisify(execFile);

describe('drizzle snapshots', () => {
  let copy: string;
  beforeAll(async () => {
    copy = await mkdtemp(path.join(tmpdir(), 'veilig-samen-snapshots-'));
    await cp(path.join(REPO_ROOT, 'migrations'), copy, { recursive: true });
  });
  afterAll(async () => rm(copy, { recursive: true, force: true }));

  it('every journal entry has its snapshot, chained by prevId', async () => {
    const journal = JSON.parse(await readFile(path.join(copy, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; when: number; tag: string }[] };
    let previous: { id: string; when: number } | undefined;
    for (const entry of journal.entries) {
      const number = entry.tag.slice(0, 4);
      const snapshot = JSON.parse(await readFile(path.join(copy, 'meta', `${number}_snapshot.json`), 'utf8')) as { id: string; prevId: string };
      if (previous) {
        expect(snapshot.prevId, entry.tag).toBe(previous.id);
        expect(entry.when, entry.tag).toBeGreaterThan(previous.when);
      }
      previous = { id: snapshot.id, when: entry.when };
    }
  });

  it('pnpm db:generate finds no difference between schema.ts and the migrations', async () => {
    const before = await readdir(copy, { recursive: true });
    // drizzle-kit prefixes paths with "./", so the copy is named relative to the repository root.
    const { stdout } = await run(
      path.join(REPO_ROOT, 'node_modules', '.bin', 'drizzle-kit'),
      ['generate', '--dialect', 'postgresql', '--schema', './packages/db/src/schema.ts', '--out', path.relative(REPO_ROOT, copy)],
      { cwd: REPO_ROOT },
    );
    expect(stdout).toContain('No schema changes');
    expect((await readdir(copy, { recursive: true })).sort()).toEqual(before.sort());
  });
});
