import { describe, expect, it } from 'vitest';
import { cyclesOf, folderGraph } from '../../tools/cycles/graph.js';

describe('pnpm lint:cycles: folder cycles', () => {
  it('finds two feature folders that import each other through different files', () => {
    const edges = folderGraph({
      'services/api/src/cases/use-cases.ts': ['services/api/src/webhooks/outbox.ts'],
      'services/api/src/webhooks/subscriptions.ts': ['services/api/src/cases/access.ts'],
      'services/api/src/webhooks/outbox.ts': [],
      'services/api/src/cases/access.ts': [],
    });
    expect(cyclesOf(edges)).toEqual([['services/api/src/cases', 'services/api/src/webhooks']]);
    expect(edges.get('services/api/src/cases')?.get('services/api/src/webhooks')).toBe('services/api/src/cases/use-cases.ts -> services/api/src/webhooks/outbox.ts');
  });

  it('finds a longer cycle and leaves a chain alone', () => {
    const cycle = folderGraph({
      'services/api/src/a/x.ts': ['services/api/src/b/y.ts'],
      'services/api/src/b/y.ts': ['services/api/src/c/z.ts'],
      'services/api/src/c/z.ts': ['services/api/src/a/w.ts'],
      'services/api/src/a/w.ts': [],
    });
    expect(cyclesOf(cycle)).toEqual([['services/api/src/a', 'services/api/src/b', 'services/api/src/c']]);
    const chain = folderGraph({ 'services/api/src/a/x.ts': ['services/api/src/b/y.ts'], 'services/api/src/b/y.ts': ['services/api/src/c/z.ts'], 'services/api/src/c/z.ts': [] });
    expect(cyclesOf(chain)).toEqual([]);
  });

  it('keeps files of a source root apart (the composition root wires every feature) and ignores barrels', () => {
    const edges = folderGraph({
      'services/api/src/app.ts': ['services/api/src/cases/use-cases.ts'],
      'services/api/src/cases/use-cases.ts': ['services/api/src/app-deps.ts'],
      'services/api/src/app-deps.ts': [],
      'packages/db/src/index.ts': ['packages/db/src/repositories/cases.ts'],
      'packages/db/src/repositories/cases.ts': ['packages/db/src/executor.ts'],
      'packages/db/src/executor.ts': [],
    });
    expect(cyclesOf(edges)).toEqual([]);
    // The same imports with app.ts folded into a "root" folder would be a cycle; a root file importing back is one.
    const back = folderGraph({ 'services/api/src/app-deps.ts': ['services/api/src/cases/use-cases.ts'], 'services/api/src/cases/use-cases.ts': ['services/api/src/app-deps.ts'] });
    expect(cyclesOf(back)).toEqual([['services/api/src/app-deps.ts', 'services/api/src/cases']]);
  });
});
