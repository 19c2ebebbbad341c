import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '@veilig-samen/db';

/** DATABASE_URL when set, else an embedded PostgreSQL in a temporary folder that stop() removes. */
export async function benchDatabaseServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return { url: fromEnv, stop: async () => undefined };
  const dir = await mkdtemp(path.join(tmpdir(), 'veilig-samen-bench-'));
  const embedded = await startEmbeddedPostgres({ dataDir: dir, persistent: false });
  return {
    url: embedded.url,
    stop: async () => {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
