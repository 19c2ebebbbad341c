/**
 * The reference specifications of ZGW (../shared/reference/zgw, see its
 * README) as JSON-schema validators, the way a client's request is checked:
 * - OpenAPI 3.0's `nullable: true` becomes a null type;
 * - readOnly properties (url, uuid, einddatum, ...) are not required of a
 *   client: they are dropped from `required` (the server sets them);
 * - a Rol is checked against the schema its discriminator maps
 *   `betrokkeneType` to (natuurlijk_persoon_Rol, medewerker_Rol, ...).
 * Nothing else of the reference is changed: its required fields, lengths,
 * enums and formats all apply.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const REFERENCE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/reference/zgw');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The OpenAPI 3.0 schema as JSON Schema, for a client's request (see above). */
export function asClientSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(asClientSchema);
  if (node === null || typeof node !== 'object') return node;
  const { nullable, discriminator: _discriminator, ...rest } = node;
  const converted: { [key: string]: Json } = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, asClientSchema(value)]));
  const properties = converted.properties;
  if (Array.isArray(converted.required) && properties && typeof properties === 'object' && !Array.isArray(properties)) {
    converted.required = converted.required.filter((name) => {
      const property = typeof name === 'string' ? properties[name] : undefined;
      return !(property && typeof property === 'object' && !Array.isArray(property) && property.readOnly === true);
    });
  }
  if (nullable !== true) return converted;
  if (typeof converted.type === 'string') {
    return { ...converted, type: [converted.type, 'null'], ...(Array.isArray(converted.enum) ? { enum: [...converted.enum, null] } : {}) };
  }
  return { anyOf: [{ type: 'null' }, converted] };
}

export interface ReferenceSchemas {
  /** Errors of `value` against components/schemas/`name`; empty when valid. */
  errors(name: string, value: unknown): ErrorObject[];
}

function load(file: string, id: string): ReferenceSchemas {
  const document = parse(readFileSync(path.join(REFERENCE, file), 'utf8')) as { components: { schemas: Record<string, Json> } };
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: id, components: { schemas: asClientSchema(document.components.schemas) } });
  const compiled = new Map<string, ValidateFunction>();
  return {
    errors(name, value) {
      let validate = compiled.get(name);
      if (!validate) {
        validate = ajv.compile({ $ref: `${id}#/components/schemas/${name}` });
        compiled.set(name, validate);
      }
      return validate(value) ? [] : [...(validate.errors ?? [])];
    },
  };
}

let zaken: ReferenceSchemas | undefined;
let notificaties: ReferenceSchemas | undefined;

/** Zaken API 1.5.1 (VNG-Realisatie/zaken-api). */
export const zakenApi = (): ReferenceSchemas => (zaken ??= load('zaken-api-1.5.1.openapi.yaml', 'zaken-api-1.5.1'));
/** Notificaties API 1.0 (VNG-Realisatie/notificaties-api 1.0.0.post1). */
export const notificatiesApi = (): ReferenceSchemas => (notificaties ??= load('notificaties-api-1.0.openapi.yaml', 'notificaties-api-1.0'));

/** The schema the Rol's discriminator (betrokkeneType) maps to: `natuurlijk_persoon` -> natuurlijk_persoon_Rol. */
export const rolSchemaFor = (rol: { betrokkeneType?: unknown }) => `${String(rol.betrokkeneType)}_Rol`;

/** The names of the readOnly properties of a reference schema: a client does not send them. */
export function readOnlyProperties(file: 'zaken-api-1.5.1.openapi.yaml', name: string): string[] {
  const document = parse(readFileSync(path.join(REFERENCE, file), 'utf8')) as { components: { schemas: Record<string, { properties?: Record<string, { readOnly?: boolean }> }> } };
  return Object.entries(document.components.schemas[name]?.properties ?? {}).filter(([, property]) => property.readOnly === true).map(([key]) => key);
}
