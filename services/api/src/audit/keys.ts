/**
 * The audit key (security finding 3): the service makes each access-log row's
 * HMAC and signs each checkpoint with it; the database never holds it. Rows
 * and checkpoints carry the key's id, so a key can rotate: the new one in
 * AUDIT_KEY (with a new AUDIT_KEY_ID), the old ones in AUDIT_KEYS_OLD for
 * verification only.
 */
import path from 'node:path';
import { readOrCreateSecret, type AuditKey, type AuditKeyring } from '@veilig-samen/db';
import { ConfigError, type ToolConfig } from '../config.js';

export interface AuditKeys {
  /** What new rows and checkpoints are made with. */
  readonly current: AuditKey;
  /** Every known key by id, the current one included. */
  readonly keyring: AuditKeyring;
}

/** The id of the key generated in demo mode. */
export const DEMO_AUDIT_KEY_ID = 'demo';

/** The configured key; in demo mode a generated one kept in DATA_DIR. Required otherwise. */
export async function resolveAuditKeys(config: Pick<ToolConfig, 'audit' | 'demo' | 'dataDir'>): Promise<AuditKeys> {
  let current = config.audit.key;
  if (!current) {
    if (!config.demo) {
      throw new ConfigError('Ongeldige configuratie: AUDIT_KEY ontbreekt (sleutel van het toegangslog, minstens 32 tekens, met AUDIT_KEY_ID; zie docs/operations.md)');
    }
    current = { id: DEMO_AUDIT_KEY_ID, secret: await readOrCreateSecret(path.resolve(config.dataDir, 'demo-audit-key')) };
  }
  return { current, keyring: new Map([[current.id, current.secret], ...config.audit.oldKeys.map((k) => [k.id, k.secret] as const)]) };
}
