/**
 * The case machine described from the machine itself, for GET /v1/statechart
 * and the Mermaid diagram in docs/domain.md: states, and per transition the
 * event, source, target and the named guards it requires.
 */
import type { AnyStateNode } from 'xstate';
import { guardNames } from './decide.js';
import { caseMachine } from './machine.js';

export interface StatechartTransition {
  readonly van: string;
  readonly gebeurtenis: string;
  readonly naar: string | null;
  readonly voorwaarden: readonly string[];
}

export interface Statechart {
  readonly id: string;
  readonly toestanden: readonly { readonly id: string; readonly pad: string; readonly soort: string; readonly begin: string | null }[];
  readonly overgangen: readonly StatechartTransition[];
}

const pathOf = (node: AnyStateNode) => node.path.join('.');

function walk(node: AnyStateNode, visit: (node: AnyStateNode) => void): void {
  visit(node);
  for (const child of Object.values(node.states)) walk(child, visit);
}

export function describeStatechart(): Statechart {
  const toestanden: { id: string; pad: string; soort: string; begin: string | null }[] = [];
  const overgangen: StatechartTransition[] = [];
  walk(caseMachine.root, (node) => {
    if (node !== caseMachine.root) {
      const initial = node.type === 'compound' ? (node.initial.target[0]?.key ?? null) : null;
      toestanden.push({ id: node.key, pad: pathOf(node), soort: node.type, begin: initial });
    }
    for (const [gebeurtenis, transitions] of node.transitions) {
      for (const t of transitions) {
        overgangen.push({
          van: pathOf(node) || 'casus',
          gebeurtenis,
          naar: t.target?.[0] ? pathOf(t.target[0]) : null,
          voorwaarden: guardNames(t.guard),
        });
      }
    }
  });
  return { id: caseMachine.id, toestanden, overgangen };
}

const mermaidId = (path: string) => path.replace(/^fase\.?/, '').replace(/[.-]/g, '_') || 'fase';

/** A Mermaid stateDiagram-v2 of the phase region; self-transitions are listed as notes. */
export function statechartMermaid(): string {
  const chart = describeStatechart();
  const lines = ['stateDiagram-v2', '  direction LR'];
  lines.push('  [*] --> open');
  lines.push('  state open {');
  lines.push('    [*] --> directe_veiligheid');
  for (const state of chart.toestanden.filter((s) => s.pad.startsWith('fase.open.'))) {
    lines.push(`    ${mermaidId(state.pad).replace(/^open_/, '')}: ${state.id}`);
  }
  lines.push('  }');
  for (const t of chart.overgangen) {
    if (!t.naar || t.naar === t.van) continue;
    const from = mermaidId(t.van).replace(/^open_/, '');
    const to = mermaidId(t.naar).replace(/^open_/, '');
    const label = t.voorwaarden.length > 0 ? `${t.gebeurtenis} [${t.voorwaarden.join(' & ')}]` : t.gebeurtenis;
    const source = from === 'open' ? 'open' : from;
    lines.push(`  ${source} --> ${to}: ${label}`);
  }
  const selfEvents = chart.overgangen.filter((t) => !t.naar).map((t) => (t.voorwaarden.length > 0 ? `${t.gebeurtenis} [${t.voorwaarden.join(' & ')}]` : t.gebeurtenis));
  lines.push(`  note right of open`);
  lines.push(`    In elke open fase: ${[...new Set(selfEvents)].join(', ')}`);
  lines.push('  end note');
  return `${lines.join('\n')}\n`;
}
