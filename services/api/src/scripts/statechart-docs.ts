/** `pnpm docs:statechart`: rewrites the diagram in docs/domain.md from the machine itself. */
import { readFile, writeFile } from 'node:fs/promises';
import { statechartMermaid } from '@veilig-samen/domain';

const file = new URL('../../../../docs/domain.md', import.meta.url);
const page = await readFile(file, 'utf8');
const start = page.indexOf('```mermaid\n') + '```mermaid\n'.length;
const end = page.indexOf('```', start);
if (start < '```mermaid\n'.length || end < 0) throw new Error('docs/domain.md has no ```mermaid block');
await writeFile(file, page.slice(0, start) + statechartMermaid() + page.slice(end));
process.stdout.write('docs/domain.md: diagram regenerated\n');
