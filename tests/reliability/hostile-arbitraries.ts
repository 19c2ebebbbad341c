/**
 * Generators for tests/reliability/hostile-input.test.ts: valid values from
 * the OpenAPI document's JSON Schemas, and the hostile material mixed into
 * them (wrong types, huge strings, deep nesting, unicode, SQL and script
 * fragments, odd number literals).
 *
 * Bodies are built as values that may hold `Raw` nodes: JSON text written
 * as-is where the node sits (nesting 100,000 deep, `1e309`, `-0`), which
 * JSON.stringify cannot make (or would overflow this process's stack on).
 * Raw nodes print as a short label in fast-check's counterexamples, so a
 * 1 MB string never floods a failure report.
 */
import fc from 'fast-check';

export type JsonSchema = Readonly<Record<string, unknown>>;

/** JSON text built on demand, with a short label for reports. */
export class Raw {
  constructor(
    readonly label: string,
    readonly text: () => string,
  ) {}
  [fc.toStringMethod](): string {
    return this.label;
  }
  toString(): string {
    return this.label;
  }
}

/** JSON text of a value that may contain Raw nodes. */
export function toJsonText(value: unknown): string {
  if (value instanceof Raw) return value.text();
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The same as toJsonText, but Raw nodes as their labels, cut to `max` characters: for reports. */
export function describeJson(value: unknown, max = 600): string {
  const walk = (v: unknown): string => {
    if (v instanceof Raw) return `<${v.label}>`;
    if (Array.isArray(v)) return `[${v.map(walk).join(',')}]`;
    if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, item]) => `${JSON.stringify(k)}:${walk(item)}`).join(',')}}`;
    return JSON.stringify(v) ?? 'null';
  };
  const text = walk(value);
  return text.length > max ? `${text.slice(0, max)}…(${text.length} tekens)` : text;
}

/** Shown (verbatim) in a page that does not escape it, it would run. */
export const XSS_MARKER = 'hs-xss-7f3a';
export const SCRIPT_FRAGMENTS = [
  `<script>alert("${XSS_MARKER}")</script>`,
  `"><img src=x onerror=alert("${XSS_MARKER}")>`,
  `<svg/onload=alert("${XSS_MARKER}")>`,
] as const;

/** Names and BSNs used as personal data in generated bodies: a refusal must never echo them. */
export const PII_NAMES = ['Zwaantje Hostielsma', 'Pieter-Jan Fuzzeveld', 'Ëlla Ŵürgelsma-Ødegaard', 'Kees Injectiebeek'] as const;
export const PII_BSNS = ['111222333', '123456782', '999999990'] as const;

export const HOSTILE_FRAGMENTS: readonly string[] = [
  // SQL
  "' OR 1=1 --",
  "'; DROP TABLE cases; --",
  '" OR ""="',
  "1; SELECT pg_sleep(5); --",
  "$$; DROP TABLE cases; $$",
  "\\'; --",
  "%' OR '%'='",
  'E\'\\x00\'',
  // script, markup, templates, formulas
  ...SCRIPT_FRAGMENTS,
  `javascript:alert("${XSS_MARKER}")`,
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  '#{7*7}',
  '=cmd|" /C calc"!A0',
  '+SUM(1,1)',
  '@SUM(1)',
  // paths and URL pieces
  '../',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f',
  '..%2f..%2f',
  '%00',
  '%',
  '%E0%A4%A',
  '//',
  '?a=b',
  '#frag',
  ';jsessionid=1',
  // control characters
  '\u0000',
  'a\u0000b',
  '\u0001\u0008\u000b\u001f\u007f',
  '\r\n',
  'x\r\nSet-Cookie: a=b',
  '\t',
  '\u0085\u2028\u2029',
  // unicode
  '\ud800',
  '\udfff',
  'a\ud800b',
  '\udc00\ud800',
  '\uffff',
  '\ufffe',
  '\ufeff',
  '\u202eevil',
  '\u200b',
  'e\u0301\u0301\u0301',
  '😀',
  '👨‍👩‍👧‍👦',
  '𝕳𝖔𝖘𝖙𝖎𝖊𝖑',
  'ﷺ',
  'İıǄ',
  'Ａ',
  '中文字符',
  'مرحبا',
  // JavaScript and JSON words
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e308',
  '1e309',
  '0x10',
  '9007199254740993',
  '',
  ' ',
  '   ',
];

/** A control character, which the contracts refuse in text (packages/contracts/src/common.ts). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_FRAGMENTS), fc.constantFrom(...HOSTILE_FRAGMENTS)).map(([a, b]) => a + b) },
  // Over most maxLength limits, under the body limit.
  { weight: 1, arbitrary: fc.integer({ min: 201, max: 60_000 }).map((n) => 'x'.repeat(n)) },
);

/** A string of about `bytes` UTF-8 bytes, made of one chunk repeated. */
export function hugeString(bytes: number, chunk: string): Raw {
  const size = Buffer.byteLength(JSON.stringify(chunk).slice(1, -1));
  const count = Math.max(1, Math.floor(bytes / size));
  return new Raw(`huge string: ${count} × ${JSON.stringify(chunk)} (~${count * size} bytes)`, () => JSON.stringify(chunk.repeat(count)));
}

const HUGE_CHUNKS = ['x', 'é', '😀', '\u0000', `<script>alert("${XSS_MARKER}")</script>`, "' OR 1=1 --", '\ud800'];

/** Mostly under the 1 MB body limit (with room for the rest of the body), sometimes over it. */
export const hugeStringNode: fc.Arbitrary<Raw> = fc
  .tuple(
    fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 100_000, max: 1_040_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 1_048_600, max: 1_400_000 }) }),
    fc.constantFrom(...HUGE_CHUNKS),
  )
  .map(([bytes, chunk]) => hugeString(bytes, chunk));

/** Nesting 1,000 and more levels deep, as raw JSON text. */
export function deepNode(kind: 'arrays' | 'objects' | 'mixed', depth: number): Raw {
  const build = {
    arrays: () => '['.repeat(depth) + ']'.repeat(depth),
    objects: () => '{"a":'.repeat(depth) + 'null' + '}'.repeat(depth),
    mixed: () => '[{"a":'.repeat(depth) + '1' + '}]'.repeat(depth),
  }[kind];
  return new Raw(`${kind} nested ${depth} deep`, build);
}

/** Mostly 1,000 to 5,000 levels; rarely 50,000 to 400,000 (parsing those takes up to 150 ms each). */
export const deepNodeArb: fc.Arbitrary<Raw> = fc
  .tuple(
    fc.constantFrom<'arrays' | 'objects' | 'mixed'>('arrays', 'objects', 'mixed'),
    fc.oneof({ weight: 40, arbitrary: fc.constantFrom(1_000, 1_001, 2_000, 5_000) }, { weight: 1, arbitrary: fc.constantFrom(50_000, 150_000, 400_000) }),
  )
  .map(([kind, depth]) => deepNode(kind, depth));

/** Number literals JSON allows (or nearly) that JSON.stringify never writes. */
export const NUMBER_LITERALS = ['1e308', '1e309', '-1e309', '-0', '0.1', '1.5', '-1', '1e-400', '123456789012345678901234567890', '9007199254740993', '1E2', '0e0', '2147483648', '-2147483649'];
export const numberLiteral: fc.Arbitrary<Raw> = fc.constantFrom(...NUMBER_LITERALS).map((text) => new Raw(text, () => text));

/** A value of the wrong kind for almost any field. */
export const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, [], {}, '', [null], { '': null }, [[[]]], { a: { b: { c: {} } } }) },
  { weight: 9, arbitrary: numberLiteral },
  { weight: 18, arbitrary: hostileString },
  { weight: 3, arbitrary: fc.constantFrom('NaN', '-0', '1e308', 'Infinity', '0x1F') },
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 3, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
  // Each about 1 in 60: a 1 MB body costs some 20 ms to send, parse and refuse.
  { weight: 1, arbitrary: hugeStringNode },
  { weight: 1, arbitrary: deepNodeArb },
);

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'versie', 'regisseur', 'status', 'rol', 'admin', '$where', 'a.b', '', ' ', 'toString') },
  { weight: 2, arbitrary: hostileString },
);

/** Malformed JSON text. */
export const BROKEN_JSON = [
  '{',
  '}',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '{a:1}',
  '[1,2,',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":undefined}',
  '{"a":1} {"b":2}',
  '{"a":1}garbage',
  '/* comment */ {}',
  '{"a":"\\x00"}',
  '{"a":"\\u12"}',
  '{"a":"unterminated}',
  '\u0000',
  '\ufeff{}',
  'nul',
  'tru',
  '01',
  '-',
  '"\ud800"',
  '\t\n ',
  '<xml/>',
  'a=1&b=2',
];

// --------------------------------------------------------------------------------------------
// Valid values from JSON Schema
// --------------------------------------------------------------------------------------------

export class UnsupportedSchema extends Error {}

export interface SchemaContext {
  /** How often a text field holds hostile text within its lengths: 1 in `hostileText` (default 4). */
  readonly hostileText?: number;
  resolve(ref: string): JsonSchema;
  /** Real ids for a uuid property of this name (lidId, opschalingId, ...), if the world has them. */
  ids(property: string): readonly string[];
  /** Realistic values for a text property of this name (gemeente, organisatie, ...). */
  hints(property: string): readonly string[];
}

const PATTERN_BSN = '^\\d{9}$';
const PATTERN_OIN = '^\\d{20}$';
const PATTERN_QUARTER = '^(19|20)\\d{2}-K[1-4]$';
/** A year of the yearly review (issue 18 point 5). */
const PATTERN_YEAR = '^(19|20)\\d{2}$';
/** A subscription's Authorization header for its receiver (issue 18 point 7): one line of visible ASCII. */
const PATTERN_HEADER_VALUE = '^[\\x21-\\x7e][\\x20-\\x7e]*$';

// Whole code points (an emoji is two UTF-16 units; split('') would make lone surrogates of it).
const SAFE_CHARS = fc.constantFrom(...Array.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -.,éëïöüßçñøåÆŒΩжюё中文字😀'));

function plainText(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const max = Math.min(maxLength, 60);
  return fc
    .string({ unit: SAFE_CHARS, minLength: 0, maxLength: Math.max(0, max - 2) })
    .map((s) => `V${s.replace(CONTROL, '')}w`)
    .map((s) => (s.length < minLength ? s + 'x'.repeat(minLength - s.length) : s))
    .map((s) => s.slice(0, maxLength));
}

/**
 * Text within the schema's lengths that is still hostile: SQL, markup, lone surrogates, NUL and other
 * control characters, right-to-left overrides. A body that is otherwise valid carries it to storage.
 */
/** What storage (PostgreSQL text and jsonb) and rendering may choke on. */
const STORAGE_FRAGMENTS = [
  '\ud800',
  'a\udc00b',
  '\udfff\ud800',
  '\u0000',
  '\u0007',
  "' OR 1=1 --",
  "'; DROP TABLE cases; --",
  ...SCRIPT_FRAGMENTS,
  '=cmd|" /C calc"!A0',
  '\u202eevil',
  '\ufeff',
  '\uffff',
  '😀',
  '\\u0000',
  '%00',
];

function nastyText(minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...STORAGE_FRAGMENTS) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) }), plainText(0, 20))
    .map(([fragment, filler]) => `N${fragment}${filler}`)
    .map((s) => (s.length < minLength ? s + 'x'.repeat(minLength - s.length) : s))
    .filter((s) => s.length <= maxLength);
}

function text(minLength: number, maxLength: number, oneIn: number): fc.Arbitrary<string> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: plainText(minLength, maxLength) }, { weight: 1, arbitrary: nastyText(minLength, maxLength) });
}

const dateArb = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });
const calendarDate = dateArb.map((d) => d.toISOString().slice(0, 10));
const instant = fc.tuple(dateArb, fc.constantFrom('Z', '+01:00', '-05:30', '+14:00')).map(([d, zone]) => d.toISOString().replace('Z', zone === 'Z' ? 'Z' : zone));

/** Values that satisfy the schema as the document states it (refinements the document cannot express may still refuse some). */
export function validValue(schema: JsonSchema, ctx: SchemaContext, at: readonly string[] = []): fc.Arbitrary<unknown> {
  if (typeof schema.$ref === 'string') return validValue(ctx.resolve(schema.$ref), ctx, at);
  const alternatives = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((alternative) => validValue(alternative, ctx, at)));
  if (schema.allOf || schema.not) throw new UnsupportedSchema(`allOf/not at ${at.join('.')}`);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const type = schema.type ?? (schema.properties ? 'object' : undefined);
  if (Array.isArray(type)) return fc.oneof(...type.map((t: unknown) => validValue({ ...schema, type: t }, ctx, at)));
  const name = at[at.length - 1] ?? '';
  switch (type) {
    case 'string':
      return stringValue(schema, ctx, at, name);
    case 'integer': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -1000;
      const max = typeof schema.maximum === 'number' ? schema.maximum : 1000;
      return fc.oneof({ weight: 5, arbitrary: fc.integer({ min, max: Math.min(max, min + 12) }) }, { weight: 1, arbitrary: fc.constantFrom(min, max) });
    }
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -1000;
      const max = typeof schema.maximum === 'number' ? schema.maximum : 1000;
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = schema.items as JsonSchema | undefined;
      if (!items) throw new UnsupportedSchema(`array without items at ${at.join('.')}`);
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : minLength + 3;
      const item = validValue(items, ctx, [...at, `${name}[]`]);
      // Lists of options (betrokkenheid, problemen, gebeurtenissen) take each option once: the contracts refuse repeats,
      // which the document does not say.
      if (Array.isArray(items.enum)) return fc.uniqueArray(item, { minLength, maxLength: Math.min(maxItems, minLength + 3, items.enum.length) });
      return fc.array(item, { minLength, maxLength: Math.min(maxItems, minLength + 3) });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(properties)) record[key] = validValue(property, ctx, [...at, key]);
      return fc.record(record, { requiredKeys: required });
    }
    default:
      throw new UnsupportedSchema(`no generator for ${JSON.stringify(schema).slice(0, 200)} at ${at.join('.')}`);
  }
}

function stringValue(schema: JsonSchema, ctx: SchemaContext, at: readonly string[], name: string): fc.Arbitrary<string> {
  const format = schema.format as string | undefined;
  const pattern = schema.pattern as string | undefined;
  if (format === 'uuid') {
    const pool = ctx.ids(name);
    return pool.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid();
  }
  if (format === 'date') return calendarDate;
  if (format === 'date-time') return instant;
  if (format === 'uri') return fc.constantFrom('http://127.0.0.1:9/hostile-hook', 'https://example.org/webhook', 'https://webhooks.example.nl/vs?x=1');
  if (pattern === PATTERN_BSN) return fc.constantFrom(...PII_BSNS);
  if (pattern === PATTERN_QUARTER) return fc.constantFrom('2025-K3', '2025-K4', '2026-K1', '2026-K2', '1999-K1');
  if (pattern === PATTERN_YEAR) return fc.constantFrom('2024', '2025', '2026', '1999');
  // An organisation's OIN (20 digits): the network's police entry's and another.
  if (pattern === PATTERN_OIN) return fc.constantFrom('00000001003214345000', '00000009876543210002');
  if (pattern === PATTERN_HEADER_VALUE) return fc.constantFrom('Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc', 'Token 0123456789abcdef');
  if (pattern !== undefined || format !== undefined) throw new UnsupportedSchema(`no generator for format ${format} / pattern ${pattern} at ${at.join('.')}`);
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : 200;
  const parent = at[at.length - 2] ?? '';
  // Members' names are personal data: marked, so that a refusal that echoes one is caught.
  if (name === 'naam' && /^(leden|personen)\[\]$/.test(parent)) return fc.constantFrom(...PII_NAMES);
  const hints = ctx.hints(name);
  const oneIn = ctx.hostileText ?? 4;
  if (hints.length > 0) return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...hints) }, { weight: 1, arbitrary: text(min, max, oneIn) });
  return text(min, max, oneIn);
}

// --------------------------------------------------------------------------------------------
// Mutations of a valid body
// --------------------------------------------------------------------------------------------

export interface Mutation {
  readonly pick: number;
  readonly kind: 'delete' | 'replace' | 'extra' | 'flood';
  readonly key: string;
  readonly value: unknown;
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom<Mutation['kind']>('delete', 'replace', 'replace', 'replace', 'extra', 'flood'),
  key: hostileKey,
  value: hostileJsonValue,
});

interface Slot {
  readonly get: () => unknown;
  readonly set: (value: unknown) => void;
  readonly remove: (() => void) | undefined;
}

function slotsOf(holder: { root: unknown }): Slot[] {
  const slots: Slot[] = [{ get: () => holder.root, set: (v) => (holder.root = v), remove: undefined }];
  const visit = (value: unknown) => {
    if (value instanceof Raw) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        slots.push({ get: () => value[index], set: (v) => (value[index] = v), remove: () => value.splice(index, 1) });
        visit(item);
      });
    } else if (value !== null && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      for (const key of Object.keys(object)) {
        slots.push({ get: () => object[key], set: (v) => defineOwn(object, key, v), remove: () => delete object[key] });
        visit(object[key]);
      }
    }
  };
  visit(holder.root);
  return slots;
}

/** Sets an own property, also for `__proto__` (an assignment would change the prototype). */
function defineOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function clone(value: unknown): unknown {
  if (value instanceof Raw) return value;
  if (Array.isArray(value)) return value.map(clone);
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) defineOwn(copy, key, clone(item));
    return copy;
  }
  return value;
}

function containsRaw(value: unknown): boolean {
  if (value instanceof Raw) return true;
  if (Array.isArray(value)) return value.some(containsRaw);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsRaw);
  return false;
}

export function mutate(value: unknown, mutations: readonly Mutation[]): unknown {
  const holder = { root: clone(value) };
  let flooded = false;
  for (const mutation of mutations) {
    const slots = slotsOf(holder);
    const slot = slots[mutation.pick % slots.length];
    if (!slot) continue;
    const current = slot.get();
    // A copy: fc.constantFrom hands out the same instances in every run, which a later mutation would change.
    const replacement = clone(mutation.value);
    switch (mutation.kind) {
      case 'delete':
        if (slot.remove) slot.remove();
        else slot.set(replacement);
        break;
      case 'replace':
        slot.set(replacement);
        break;
      case 'extra':
        if (Array.isArray(current)) current.push(replacement);
        else if (current !== null && typeof current === 'object' && !(current instanceof Raw)) defineOwn(current as Record<string, unknown>, mutation.key, replacement);
        else slot.set({ [mutation.key]: replacement });
        break;
      case 'flood': {
        // Far over any maxItems: many copies of a small item (or of the hostile value). Once per body, so that
        // floods inside floods do not make bodies of many megabytes that only cost time to build.
        const candidate = Array.isArray(current) && current.length > 0 ? current[0] : replacement;
        const item = containsRaw(candidate) || toJsonText(candidate).length > 300 ? null : candidate;
        if (flooded) slot.set(replacement);
        else slot.set(Array.from({ length: 101 + (mutation.pick % 400) }, () => clone(item)));
        flooded = true;
        break;
      }
    }
  }
  return holder.root;
}
