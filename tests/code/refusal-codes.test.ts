/**
 * Each refusal code is defined once (issue 15, point 2): a client that sees
 * a code can rely on one meaning. A definition is an object literal in the
 * source with a string `code` and a `status` (a machine guard's refusal, a
 * DomainError, a phase rule in decide.ts). Where several rules share one
 * meaning they share one definition (a constant they spread), so a second
 * literal with the same code is always a new, colliding meaning.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCES = ['packages/domain/src', 'packages/contracts/src', 'packages/db/src', 'services/api/src'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'static' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

interface Definition {
  readonly code: string;
  readonly where: string;
}

/** Object literals with a string-literal `code` next to a `status`: refusal definitions. */
export function refusalDefinitions(file: string, text: string): Definition[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Definition[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const props = new Map(
        node.properties.flatMap((p) => (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [[p.name.text, p.initializer] as const] : [])),
      );
      const code = props.get('code');
      if (code && props.has('status') && ts.isStringLiteralLike(code)) {
        found.push({ code: code.text, where: `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function duplicates(definitions: readonly Definition[]): Record<string, string[]> {
  const byCode = new Map<string, string[]>();
  for (const d of definitions) byCode.set(d.code, [...(byCode.get(d.code) ?? []), d.where]);
  return Object.fromEntries([...byCode].filter(([, places]) => places.length > 1));
}

describe('refusal codes', () => {
  it('finds the definitions it checks (guards, case errors, phase rules)', () => {
    const all = SOURCES.flatMap(sourceFiles).flatMap((file) => refusalDefinitions(relative(ROOT, join(ROOT, file)), readFileSync(join(ROOT, file), 'utf8')));
    const codes = new Set(all.map((d) => d.code));
    // A guard (requirements.ts), a case error (errors.ts) and a phase rule (decide.ts): the scan sees all three kinds.
    expect(codes).toContain('casus.regisseur-ongewijzigd');
    expect(codes).toContain('casus.versie-verouderd');
    expect(codes).toContain('casus.faseovergang-ongeldig');
  });

  it('defines each code once', () => {
    const all = SOURCES.flatMap(sourceFiles).flatMap((file) => refusalDefinitions(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(duplicates(all)).toEqual({});
  });

  it('fails when two definitions share a code', () => {
    const text = `
      const a = { code: 'x.y', status: 422, message: 'one meaning' };
      const b = new DomainError({ status: 404, code: 'x.y', title: 'another meaning' });
      const c = { name: 'veld', code: 'too_big', reason: 'no status: not a refusal' };
      const d = { code: 'too_big', name: 'other', reason: 'again' };`;
    expect(duplicates(refusalDefinitions('example.ts', text))).toEqual({ 'x.y': ['example.ts:2', 'example.ts:3'] });
  });
});
