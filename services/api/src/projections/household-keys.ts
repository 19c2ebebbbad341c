/**
 * Recognising a household across messages without storing identifiers: each
 * member yields keyed hashes (HMAC-SHA256 with a secret key) of their BSN and
 * of their normalised name with date of birth. Only the hashes are stored;
 * without the key they cannot be turned back or tested against a list of BSNs.
 */
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { readOrCreateSecret } from '@veilig-samen/db';
import { ConfigError, type Config } from '../config.js';
import { normaliseText } from '@veilig-samen/contracts';

export interface PersonIdentity {
  readonly bsn?: string | undefined;
  readonly naam?: string | undefined;
  readonly geboortedatum?: string | undefined | null;
}

export interface HouseholdKey {
  readonly keyHash: string;
  readonly kind: 'bsn' | 'naam-geboortedatum';
}

/**
 * Lower case, accents removed, invisible characters dropped, spaces
 * collapsed: "José  de Vries", "jose de vries" and "Jose\u200b de Vries" match.
 */
export function normaliseName(name: string): string {
  return normaliseText(name)
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function identityKeys(person: PersonIdentity, secret: string): HouseholdKey[] {
  const hash = (value: string) => createHmac('sha256', secret).update(value).digest('base64url');
  const keys: HouseholdKey[] = [];
  if (person.bsn) keys.push({ keyHash: hash(`bsn:${person.bsn}`), kind: 'bsn' });
  if (person.naam && person.geboortedatum) keys.push({ keyHash: hash(`ng:${normaliseName(person.naam)}|${person.geboortedatum}`), kind: 'naam-geboortedatum' });
  return keys;
}

/** The configured key; in demo mode a generated one kept in DATA_DIR. Required otherwise. */
export async function resolveMatchingKey(config: Config): Promise<string> {
  if (config.matchingKey) return config.matchingKey;
  if (!config.demo) {
    throw new ConfigError('Ongeldige configuratie: MATCHING_KEY ontbreekt (sleutel voor het herkennen van huishoudens, minstens 32 tekens)');
  }
  return readOrCreateSecret(path.resolve(config.dataDir, 'demo-matching-key'));
}
