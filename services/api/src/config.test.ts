import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAuditKeys } from './audit/keys.js';
import { ConfigError, DEMO_MUNICIPALITIES, loadConfig, municipalitiesSetting } from './config.js';

const SECRET = 'a-secret-of-at-least-thirty-two-characters!';
const GEMEENTEN = municipalitiesSetting(DEMO_MUNICIPALITIES);

describe('loadConfig', () => {
  it('applies defaults: port 3000, embedded database, demo mode', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('.data');
    expect(config.demo).toBe(true);
    expect(config.jwt.keys).toEqual({ kind: 'demo-secret' });
    expect(config.logLevel).toBe('info');
  });

  it('is not in demo mode against a database server, and then needs a JWT key', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/vs', GEMEENTEN })).toThrow(/JWT_SECRET of JWT_PUBLIC_KEY ontbreekt/);
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/vs', JWT_SECRET: SECRET, GEMEENTEN });
    expect(config.demo).toBe(false);
    expect(config.jwt.keys).toEqual({ kind: 'secret', secret: SECRET });
  });

  it('names each bad variable on one line and never echoes a value', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'drieduizend', JWT_SECRET: 'kort-geheim', LOG_LEVEL: 'luid' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).not.toContain('\n');
    expect(message).toContain('PORT');
    expect(message).toContain('JWT_SECRET');
    expect(message).toContain('LOG_LEVEL');
    expect(message).not.toContain('kort-geheim');
  });

  it('refuses both a secret and a public key', () => {
    expect(() => loadConfig({ JWT_SECRET: SECRET, JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----' })).toThrow(/precies een/);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/db', JWT_SECRET: SECRET })).toThrow(/DATABASE_URL/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });

  it('allows webhooks to loopback only when WEBHOOK_ALLOW_LOOPBACK says so, and refuses the old WEBHOOK_ALLOW_HTTP=true', () => {
    expect(loadConfig({ JWT_SECRET: SECRET, GEMEENTEN }).webhookAllowLoopback).toBe(false);
    expect(loadConfig({ JWT_SECRET: SECRET, GEMEENTEN, WEBHOOK_ALLOW_LOOPBACK: 'true' }).webhookAllowLoopback).toBe(true);
    expect(() => loadConfig({ JWT_SECRET: SECRET, GEMEENTEN, WEBHOOK_ALLOW_HTTP: 'true' })).toThrow(/WEBHOOK_ALLOW_HTTP bestaat niet meer: gebruik WEBHOOK_ALLOW_LOOPBACK/);
    expect(loadConfig({ JWT_SECRET: SECRET, GEMEENTEN, WEBHOOK_ALLOW_HTTP: 'false' }).webhookAllowLoopback).toBe(false);
  });

  it('takes the identity provider for the web pages as three settings together, over https except on this machine', () => {
    const idp = { OIDC_AUTHORIZATION_URL: 'https://idp.example.nl/authorize', OIDC_TOKEN_URL: 'https://idp.example.nl/token', OIDC_CLIENT_ID: 'veilig-samen-web' };
    expect(loadConfig({ JWT_SECRET: SECRET, GEMEENTEN }).identityProvider).toBeUndefined();
    expect(loadConfig({ JWT_SECRET: SECRET, GEMEENTEN, ...idp }).identityProvider).toEqual({
      authorizationUrl: idp.OIDC_AUTHORIZATION_URL,
      tokenUrl: idp.OIDC_TOKEN_URL,
      clientId: 'veilig-samen-web',
      scope: 'openid',
    });
    expect(() => loadConfig({ JWT_SECRET: SECRET, GEMEENTEN, OIDC_CLIENT_ID: 'x' })).toThrow(/OIDC_AUTHORIZATION_URL, OIDC_TOKEN_URL ontbreekt/);
    expect(() => loadConfig({ JWT_SECRET: SECRET, GEMEENTEN, ...idp, OIDC_TOKEN_URL: 'http://idp.example.nl/token' })).toThrow(/OIDC_TOKEN_URL: moet https gebruiken/);
    expect(loadConfig({ JWT_SECRET: SECRET, GEMEENTEN, ...idp, OIDC_TOKEN_URL: 'http://127.0.0.1:8080/token' }).identityProvider?.tokenUrl).toBe('http://127.0.0.1:8080/token');
  });

  it('trusts no proxy by default, and takes TRUSTED_PROXIES as addresses and CIDR blocks only', () => {
    expect(loadConfig({ JWT_SECRET: SECRET, GEMEENTEN }).trustedProxies).toEqual([]);
    expect(loadConfig({ JWT_SECRET: SECRET, GEMEENTEN, TRUSTED_PROXIES: ' 172.30.0.10, 10.1.0.0/16,fd00::/8,::1, ' }).trustedProxies).toEqual(['172.30.0.10', '10.1.0.0/16', 'fd00::/8', '::1']);
    for (const bad of ['nginx', '*', 'true', '10.0.0.0/33', '10.0.0.1/8/2', '10.0.0.1/', 'fd00::/129', '10.0.0.256']) {
      expect(() => loadConfig({ JWT_SECRET: SECRET, GEMEENTEN, TRUSTED_PROXIES: `10.0.0.1,${bad}` }), bad).toThrow(/TRUSTED_PROXIES: moet een kommagescheiden lijst/);
    }
  });

  describe('security finding 10: CSV and unknown municipalities', () => {
    const server = { DATABASE_URL: 'postgres://u:p@db:5432/vs', JWT_SECRET: SECRET };
    const municipality = (fields: Record<string, unknown> = {}) => ({ naam: 'Nijmegen', cbsCode: 'GM0268', rsin: '001825264', ...fields });
    const refusal = (list: unknown, env: Record<string, string> = server) => {
      try {
        loadConfig({ ...env, GEMEENTEN: typeof list === 'string' ? list : JSON.stringify(list) });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        const message = (error as Error).message;
        expect(message).not.toContain('\n');
        return message;
      }
      throw new Error('accepted');
    };

    it('takes the region\'s one list of municipalities: name, CBS code, RSIN and an optional intake team', () => {
      const config = loadConfig({ ...server, GEMEENTEN: JSON.stringify([municipality({ intaketeam: 'intake-nijmegen' }), { naam: 'Nuenen, Gerwen en Nederwetten', cbsCode: 'GM0820', rsin: '001728611' }]) });
      expect(config.municipalities).toEqual([
        { name: 'Nijmegen', cbsCode: 'GM0268', rsin: '001825264', intakeTeam: 'intake-nijmegen' },
        { name: 'Nuenen, Gerwen en Nederwetten', cbsCode: 'GM0820', rsin: '001728611' },
      ]);
      expect(loadConfig({ ...server, GEMEENTEN: "[{\"naam\": \"'s-Hertogenbosch\", \"cbsCode\": \"GM0796\", \"rsin\": \"001719336\"}]" }).municipalities[0]?.name).toBe("'s-Hertogenbosch");
    });

    it('is required outside demo mode; demo mode has the demo region, and a list of its own must hold it', () => {
      expect(refusal(undefined)).toContain('GEMEENTEN ontbreekt');
      expect(() => loadConfig(server)).toThrow(/GEMEENTEN ontbreekt/);
      expect(loadConfig({}).municipalities.map((m) => [m.name, m.cbsCode])).toEqual([
        ['Nijmegen', 'GM0268'],
        ['Wijchen', 'GM0296'],
        ['Berg en Dal', 'GM1945'],
        ['Heumen', 'GM0252'],
        ['Druten', 'GM0225'],
      ]);
      expect(refusal([municipality()], {})).toMatch(/in demomodus horen de gemeenten van de demo erbij \(Wijchen, Berg en Dal, Heumen, Druten ontbreekt\)/);
      expect(loadConfig({ GEMEENTEN }).municipalities).toEqual(DEMO_MUNICIPALITIES);
    });

    it("refuses the finding's name and anything else that is no municipality's name, without echoing it", () => {
      for (const naam of ["Evil;=cmd|' /C calc'!A0;", '=1+1', '+31', '-Nijmegen', '@SUM(A1)', '\tNijmegen', 'Nij\nmegen', 'Nijmegen;', '"Nijmegen"', '', ' Nijmegen', 'a'.repeat(101)]) {
        const message = refusal([municipality({ naam })]);
        expect(message, naam).toContain('GEMEENTEN.0.naam');
        if (naam.length > 1) expect(message, naam).not.toContain(naam);
      }
    });

    it('refuses a wrong CBS code or RSIN, duplicates, other fields, and anything but a JSON list', () => {
      expect(refusal([municipality({ cbsCode: '0268' })])).toContain('GEMEENTEN.0.cbsCode: moet een CBS-gemeentecode zijn');
      for (const rsin of ['001825265', '12345678', '0018252640', 'abcdefghi', 1825264]) expect(refusal([municipality({ rsin })]), String(rsin)).toContain('GEMEENTEN.0.rsin');
      expect(refusal([municipality(), municipality({ naam: 'nijmegen', cbsCode: 'GM0001', rsin: '001728611' })])).toContain('GEMEENTEN.1.naam: komt twee keer voor');
      expect(refusal([municipality(), municipality({ naam: 'Wijchen', rsin: '001728611' })])).toContain('GEMEENTEN.1.cbsCode: komt twee keer voor');
      expect(refusal([municipality(), municipality({ naam: 'Wijchen', cbsCode: 'GM0296' })])).toContain('GEMEENTEN.1.rsin: komt twee keer voor');
      expect(refusal([municipality({ website: 'x' })])).toContain('GEMEENTEN.0');
      expect(refusal([])).toContain('GEMEENTEN');
      expect(refusal('Nijmegen,Wijchen')).toContain('GEMEENTEN: moet JSON zijn');
      expect(refusal({ naam: 'Nijmegen' })).toContain('GEMEENTEN');
    });
  });
});

describe('security finding 3: the database URLs', () => {
  const base = { JWT_SECRET: SECRET, GEMEENTEN };
  it('takes the owner URL for migrations beside the service role URL', () => {
    const config = loadConfig({ ...base, DATABASE_URL: 'postgres://dienst:p@db/vs', DATABASE_MIGRATION_URL: 'postgres://eigenaar:p@db/vs' });
    expect(config.databaseUrl).toBe('postgres://dienst:p@db/vs');
    expect(config.databaseMigrationUrl).toBe('postgres://eigenaar:p@db/vs');
  });

  it('refuses a migration URL without a service URL, one without a role, or the same role twice', () => {
    expect(() => loadConfig({ ...base, DATABASE_MIGRATION_URL: 'postgres://eigenaar:p@db/vs' })).toThrow(/DATABASE_MIGRATION_URL zonder DATABASE_URL/);
    expect(() => loadConfig({ ...base, DATABASE_URL: 'postgres://db/vs', DATABASE_MIGRATION_URL: 'postgres://eigenaar:p@db/vs' })).toThrow(/noem de databaserol/);
    expect(() => loadConfig({ ...base, DATABASE_URL: 'postgres://eigenaar:q@db/vs', DATABASE_MIGRATION_URL: 'postgres://eigenaar:p@db/vs' })).toThrow(/dezelfde rol/);
  });
});

describe('security finding 3: the audit key', () => {
  const server = { DATABASE_URL: 'postgres://u:p@db/vs', JWT_SECRET: SECRET, GEMEENTEN };
  const KEY = 'an-audit-key-of-at-least-thirty-two-characters';
  const OLD = 'an-older-audit-key-of-at-least-thirty-two-chars';

  it('is required outside demo mode, and generated (id demo) in demo mode', async () => {
    await expect(resolveAuditKeys(loadConfig(server))).rejects.toThrow(/AUDIT_KEY ontbreekt/);
    const dataDir = await mkdtemp(path.join(tmpdir(), 'veilig-samen-audit-'));
    try {
      const demo = await resolveAuditKeys(loadConfig({ DATA_DIR: dataDir }));
      expect(demo.current.id).toBe('demo');
      expect(demo.current.secret.length).toBeGreaterThanOrEqual(32);
      expect((await resolveAuditKeys(loadConfig({ DATA_DIR: dataDir }))).current).toEqual(demo.current);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('takes a key with its id and older keys for verification', async () => {
    const config = loadConfig({ ...server, AUDIT_KEY: KEY, AUDIT_KEY_ID: '2027-01', AUDIT_KEYS_OLD: `2026-01:${OLD}` });
    const keys = await resolveAuditKeys(config);
    expect(keys.current).toEqual({ id: '2027-01', secret: KEY });
    expect([...keys.keyring]).toEqual([['2027-01', KEY], ['2026-01', OLD]]);
    expect((await resolveAuditKeys(loadConfig({ ...server, AUDIT_KEY: KEY }))).current.id).toBe('1');
  });

  it('refuses a short key, a bad id, a malformed or repeated old key, and an id without a key, without echoing a key', () => {
    const bad = (env: Record<string, string>) => {
      try {
        loadConfig({ ...server, ...env });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(bad({ AUDIT_KEY: 'kort' })).toMatch(/AUDIT_KEY: moet minstens 32 tekens/);
    expect(bad({ AUDIT_KEY: KEY, AUDIT_KEY_ID: 'met spatie' })).toMatch(/AUDIT_KEY_ID/);
    expect(bad({ AUDIT_KEY: KEY, AUDIT_KEYS_OLD: OLD })).toMatch(/AUDIT_KEYS_OLD: moet de vorm id:sleutel/);
    expect(bad({ AUDIT_KEY: KEY, AUDIT_KEYS_OLD: `x:kort` })).toMatch(/AUDIT_KEYS_OLD/);
    expect(bad({ AUDIT_KEY: KEY, AUDIT_KEY_ID: 'a', AUDIT_KEYS_OLD: `a:${OLD}` })).toMatch(/komt één keer voor/);
    expect(bad({ AUDIT_KEY_ID: 'a' })).toMatch(/AUDIT_KEY_ID zonder AUDIT_KEY/);
    expect(bad({ AUDIT_KEY: KEY, AUDIT_KEYS_OLD: `a:${OLD},b` })).not.toContain(OLD);
  });
});
