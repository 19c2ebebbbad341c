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
import { displayName, namePartsOf, type GivenName } from '@veilig-samen/domain';

/** A person as a member, a request or a message names them: the name in parts or as one string (names.ts). */
export interface PersonIdentity extends GivenName {
  readonly bsn?: string | undefined;
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
  // The display name, as members were keyed before the name parts (issue 17): "Jan van der Berg" in parts is the same key.
  const parts = namePartsOf(person);
  if (parts && person.geboortedatum) keys.push({ keyHash: hash(`ng:${normaliseName(displayName(parts))}|${person.geboortedatum}`), kind: 'naam-geboortedatum' });
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
