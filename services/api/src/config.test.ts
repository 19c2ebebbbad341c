import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_MUNICIPALITIES, DEMO_ZGW, loadConfig, municipalitiesSetting, zgwTypesSetting } from './config.js';

const SECRET = 'a-secret-of-at-least-thirty-two-characters!';
const GEMEENTEN = municipalitiesSetting(DEMO_MUNICIPALITIES);
/** An operator's configuration (a key alone means no demo): what a real deployment must name. */
const OPERATOR = { JWT_SECRET: SECRET, GEMEENTEN, MATCHING_KEY: 'a-matching-key-of-at-least-thirty-two-characters' };

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
    expect(() => loadConfig({ ...OPERATOR, JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----' })).toThrow(/precies een/);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/db', JWT_SECRET: SECRET })).toThrow(/DATABASE_URL/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });

  it('allows webhooks to loopback only when WEBHOOK_ALLOW_LOOPBACK says so, and refuses the old WEBHOOK_ALLOW_HTTP=true', () => {
    expect(loadConfig({ ...OPERATOR }).webhookAllowLoopback).toBe(false);
    expect(loadConfig({ ...OPERATOR, WEBHOOK_ALLOW_LOOPBACK: 'true' }).webhookAllowLoopback).toBe(true);
    expect(() => loadConfig({ ...OPERATOR, WEBHOOK_ALLOW_HTTP: 'true' })).toThrow(/WEBHOOK_ALLOW_HTTP bestaat niet meer: gebruik WEBHOOK_ALLOW_LOOPBACK/);
    expect(loadConfig({ ...OPERATOR, WEBHOOK_ALLOW_HTTP: 'false' }).webhookAllowLoopback).toBe(false);
  });

  it('takes the identity provider for the web pages as three settings together, over https except on this machine', () => {
    const idp = { OIDC_AUTHORIZATION_URL: 'https://idp.example.nl/authorize', OIDC_TOKEN_URL: 'https://idp.example.nl/token', OIDC_CLIENT_ID: 'veilig-samen-web' };
    expect(loadConfig({ ...OPERATOR }).identityProvider).toBeUndefined();
    expect(loadConfig({ ...OPERATOR, ...idp }).identityProvider).toEqual({
      authorizationUrl: idp.OIDC_AUTHORIZATION_URL,
      tokenUrl: idp.OIDC_TOKEN_URL,
      clientId: 'veilig-samen-web',
      scope: 'openid',
    });
    expect(() => loadConfig({ ...OPERATOR, OIDC_CLIENT_ID: 'x' })).toThrow(/OIDC_AUTHORIZATION_URL, OIDC_TOKEN_URL ontbreekt/);
    expect(() => loadConfig({ ...OPERATOR, ...idp, OIDC_TOKEN_URL: 'http://idp.example.nl/token' })).toThrow(/OIDC_TOKEN_URL: moet https gebruiken/);
    expect(loadConfig({ ...OPERATOR, ...idp, OIDC_TOKEN_URL: 'http://127.0.0.1:8080/token' }).identityProvider?.tokenUrl).toBe('http://127.0.0.1:8080/token');
  });

  it('trusts no proxy by default, and takes TRUSTED_PROXIES as addresses and CIDR blocks only', () => {
    expect(loadConfig({ ...OPERATOR }).trustedProxies).toEqual([]);
    expect(loadConfig({ ...OPERATOR, TRUSTED_PROXIES: ' 172.30.0.10, 10.1.0.0/16,fd00::/8,::1, ' }).trustedProxies).toEqual(['172.30.0.10', '10.1.0.0/16', 'fd00::/8', '::1']);
    for (const bad of ['nginx', '*', 'true', '10.0.0.0/33', '10.0.0.1/8/2', '10.0.0.1/', 'fd00::/129', '10.0.0.256']) {
      expect(() => loadConfig({ ...OPERATOR, TRUSTED_PROXIES: `10.0.0.1,${bad}` }), bad).toThrow(/TRUSTED_PROXIES: moet een kommagescheiden lijst/);
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

  describe('the region\'s ZGW components (issue 18 point 6)', () => {
    const ZAAKTYPEN = zgwTypesSetting(DEMO_ZGW);
    it('has the demo region\'s in demo mode, none for an operator who names none, and both settings or neither', () => {
      expect(loadConfig({}).zgw).toEqual(DEMO_ZGW);
      expect(loadConfig(OPERATOR).zgw).toBeUndefined();
      expect(() => loadConfig({ ...OPERATOR, ZGW_ZAKEN_API_URL: 'https://zaken.example.nl/api/v1' })).toThrow(/ZGW_ZAAKTYPEN ontbreekt/);
      expect(() => loadConfig({ ...OPERATOR, ZGW_ZAAKTYPEN: ZAAKTYPEN })).toThrow(/ZGW_ZAKEN_API_URL ontbreekt/);
      const config = loadConfig({ ...OPERATOR, ZGW_ZAKEN_API_URL: 'https://zaken.example.nl/api/v1/', ZGW_ZAAKTYPEN: ZAAKTYPEN });
      // Without the trailing slash: zaak URLs are {base}/zaken/{id}.
      expect(config.zgw).toEqual({ zakenApiUrl: 'https://zaken.example.nl/api/v1', types: DEMO_ZGW.types });
    });

    it('refuses types that are not Catalogi URLs of their kind, a missing phase or role, and JSON that is none, naming the place', () => {
      const types = JSON.parse(ZAAKTYPEN) as Record<string, Record<string, Record<string, string>>>;
      const broken = (change: (copy: typeof types) => void) => {
        const copy = structuredClone(types);
        change(copy);
        return { ...OPERATOR, ZGW_ZAKEN_API_URL: 'https://zaken.example.nl/api/v1', ZGW_ZAAKTYPEN: JSON.stringify(copy) };
      };
      // A roltype where a statustype belongs: a swapped URL would send Open Zaak the wrong type.
      expect(() => loadConfig(broken((c) => (c.lokaal!.statustypen!.nazorg = DEMO_ZGW.types.lokaal.roltypen.regisseur)))).toThrow(/ZGW_ZAAKTYPEN\.lokaal\.statustypen\.nazorg/);
      expect(() => loadConfig(broken((c) => delete c.mda!.statustypen!.afgesloten))).toThrow(/ZGW_ZAAKTYPEN\.mda\.statustypen\.afgesloten/);
      expect(() => loadConfig(broken((c) => (c.mda!.roltypen!['lid-huishouden'] = 'MDA++ casus')))).toThrow(/ZGW_ZAAKTYPEN\.mda\.roltypen\.lid-huishouden/);
      expect(() => loadConfig(broken((c) => (c.lokaal!.zaaktype = 'ftp://catalogi.example.nl/zaaktypen/1' as unknown as Record<string, string>)))).toThrow(/ZGW_ZAAKTYPEN\.lokaal\.zaaktype/);
      expect(() => loadConfig({ ...OPERATOR, ZGW_ZAKEN_API_URL: 'https://zaken.example.nl/api/v1', ZGW_ZAAKTYPEN: 'MDA++ casus' })).toThrow(/ZGW_ZAAKTYPEN: moet JSON zijn/);
      expect(() => loadConfig({ ...OPERATOR, ZGW_ZAKEN_API_URL: 'https://zaken.example.nl/api/v1?x=1', ZGW_ZAAKTYPEN: ZAAKTYPEN })).toThrow(/ZGW_ZAKEN_API_URL/);
    });

    it('takes a municipality\'s verantwoordelijkeOrganisatie as an RSIN, and refuses one that is not', () => {
      const with_ = (rsin: string) => JSON.stringify([{ naam: 'Nijmegen', cbsCode: 'GM0268', rsin: '001825264', verantwoordelijkeOrganisatie: rsin }]);
      expect(loadConfig({ ...OPERATOR, GEMEENTEN: with_('820151130') }).municipalities[0]).toMatchObject({ rsin: '001825264', responsibleRsin: '820151130' });
      expect(() => loadConfig({ ...OPERATOR, GEMEENTEN: with_('820151131') })).toThrow(/GEMEENTEN\.0\.verantwoordelijkeOrganisatie: moet een RSIN zijn/);
      expect(() => loadConfig({ ...OPERATOR, GEMEENTEN: with_('Stichting Sterker') })).toThrow(/verantwoordelijkeOrganisatie/);
    });
  });
});
