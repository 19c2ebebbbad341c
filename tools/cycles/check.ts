/**
 * `pnpm lint:cycles`: no import cycles, between files and between folders
 * (issue 15, point 4). madge builds the import graph; a cycle between files
 * is reported by madge itself, a cycle between folders by collapsing every
 * file into its folder and looking for strongly connected components.
 *
 * What counts as a folder: a feature folder (services/api/src/cases, …) is one
 * node. Files directly in a source root (services/api/src/app.ts, config.ts,
 * packages/db/src/schema.ts, …) are nodes of their own: the root holds the
 * composition (app.ts wires every feature) and small shared modules, and
 * folding them into one node would make every feature "import" app.ts. Barrels
 * (index.ts) only re-export and are left out.
 */
import madge from 'madge';
import { cyclesOf, folderGraph, SOURCE_ROOTS, type Graph } from './graph.js';

async function main(): Promise<void> {
  const result = await madge(SOURCE_ROOTS, { fileExtensions: ['ts'], tsConfig: 'tsconfig.json' });
  const fileCycles = result.circular();
  const graph: Graph = result.obj();
  const edges = folderGraph(graph);
  const folderCycles = cyclesOf(edges);
  for (const cycle of fileCycles) console.error(`file cycle: ${cycle.join(' -> ')}`);
  for (const cycle of folderCycles) {
    console.error(`folder cycle: ${cycle.join(' <-> ')}`);
    for (const from of cycle) {
      for (const [to, via] of edges.get(from) ?? []) if (cycle.includes(to)) console.error(`  ${from} -> ${to}: ${via}`);
    }
  }
  console.log(`lint:cycles: ${Object.keys(graph).length} files, ${edges.size} folders: ${fileCycles.length} file cycles, ${folderCycles.length} folder cycles`);
  if (fileCycles.length > 0 || folderCycles.length > 0) process.exitCode = 1;
}

await main();
