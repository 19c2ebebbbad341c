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

const mermaidId = (node: AnyStateNode) => (node.path.length === 0 ? node.machine.id : node.path.join('_').replace(/-/g, '_'));

const label = (t: { gebeurtenis: string; voorwaarden: readonly string[] }) =>
  t.voorwaarden.length > 0 ? `${t.gebeurtenis} [${t.voorwaarden.join(' & ')}]` : t.gebeurtenis;

/**
 * A Mermaid stateDiagram-v2 of the whole machine: the parallel regions side
 * by side, nested states, every transition with its guards; transitions that
 * stay in their state are listed in a note beside it.
 */
export function statechartMermaid(): string {
  const lines = ['stateDiagram-v2'];
  const edges: string[] = [];
  const render = (node: AnyStateNode, indent: string): void => {
    const children = Object.values(node.states);
    for (const [gebeurtenis, transitions] of node.transitions) {
      for (const t of transitions) {
        const target = t.target?.[0];
        if (target) edges.push(`  ${mermaidId(node)} --> ${mermaidId(target)}: ${label({ gebeurtenis, voorwaarden: guardNames(t.guard) })}`);
      }
    }
    const selfEvents = [...node.transitions].flatMap(([gebeurtenis, transitions]) =>
      transitions.filter((t) => !t.target?.[0]).map((t) => label({ gebeurtenis, voorwaarden: guardNames(t.guard) })),
    );
    if (children.length === 0) {
      lines.push(`${indent}state "${node.key}" as ${mermaidId(node)}`);
    } else {
      lines.push(`${indent}state "${node.key}" as ${mermaidId(node)} {`);
      if (node.type === 'parallel') {
        children.forEach((child, index) => {
          if (index > 0) lines.push(`${indent}  --`);
          render(child, `${indent}  `);
        });
      } else {
        const initial = node.initial.target[0];
        if (initial) lines.push(`${indent}  [*] --> ${mermaidId(initial)}`);
        for (const child of children) render(child, `${indent}  `);
      }
      lines.push(`${indent}}`);
    }
    if (selfEvents.length > 0) {
      lines.push(`${indent}note right of ${mermaidId(node)}`);
      for (const event of [...new Set(selfEvents)]) lines.push(`${indent}  ${event}`);
      lines.push(`${indent}end note`);
    }
  };
  render(caseMachine.root, '  ');
  return `${[...lines, ...edges].join('\n')}\n`;
}
