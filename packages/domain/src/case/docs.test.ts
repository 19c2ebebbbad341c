import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { statechartMermaid } from './statechart.js';

describe('docs/domain.md', () => {
  it('shows the diagram generated from the machine as it is now', async () => {
    const page = await readFile(new URL('../../../../docs/domain.md', import.meta.url), 'utf8');
    expect(page, 'regenerate the diagram: pnpm docs:statechart').toContain(statechartMermaid());
  });
});
