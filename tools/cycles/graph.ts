/** The folder graph and its cycles, for `pnpm lint:cycles` (tools/cycles/check.ts explains what a folder is). */

export const SOURCE_ROOTS = ['services/api/src', 'packages/contracts/src', 'packages/db/src', 'packages/domain/src'];

export type Graph = Readonly<Record<string, readonly string[]>>;

function nodeOf(file: string): string {
  const folder = file.slice(0, file.lastIndexOf('/'));
  return SOURCE_ROOTS.includes(folder) ? file : folder;
}

const isBarrel = (file: string) => file.endsWith('/index.ts');

/** The folder graph, each edge with one file import that makes it (to say where to look). */
export function folderGraph(graph: Graph): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const [file, imports] of Object.entries(graph)) {
    if (isBarrel(file)) continue;
    const from = nodeOf(file);
    for (const imported of imports) {
      const to = nodeOf(imported);
      if (isBarrel(imported) || to === from) continue;
      const out = edges.get(from) ?? new Map<string, string>();
      if (!out.has(to)) out.set(to, `${file} -> ${imported}`);
      edges.set(from, out);
    }
  }
  return edges;
}

/** Strongly connected components of more than one node (Tarjan). */
export function cyclesOf(edges: ReadonlyMap<string, ReadonlyMap<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of edges.get(node)?.keys() ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  const nodes = new Set([...edges.keys(), ...[...edges.values()].flatMap((out) => [...out.keys()])]);
  for (const node of [...nodes].sort()) if (!index.has(node)) visit(node);
  return components;
}
