import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const SECRET = 'a-secret-of-at-least-thirty-two-characters!';

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
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/vs' })).toThrow(/JWT_SECRET of JWT_PUBLIC_KEY ontbreekt/);
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/vs', JWT_SECRET: SECRET });
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
    expect(loadConfig({ JWT_SECRET: SECRET }).webhookAllowLoopback).toBe(false);
    expect(loadConfig({ JWT_SECRET: SECRET, WEBHOOK_ALLOW_LOOPBACK: 'true' }).webhookAllowLoopback).toBe(true);
    expect(() => loadConfig({ JWT_SECRET: SECRET, WEBHOOK_ALLOW_HTTP: 'true' })).toThrow(/WEBHOOK_ALLOW_HTTP bestaat niet meer: gebruik WEBHOOK_ALLOW_LOOPBACK/);
    expect(loadConfig({ JWT_SECRET: SECRET, WEBHOOK_ALLOW_HTTP: 'false' }).webhookAllowLoopback).toBe(false);
  });

  it('takes the identity provider for the web pages as three settings together, over https except on this machine', () => {
    const idp = { OIDC_AUTHORIZATION_URL: 'https://idp.example.nl/authorize', OIDC_TOKEN_URL: 'https://idp.example.nl/token', OIDC_CLIENT_ID: 'veilig-samen-web' };
    expect(loadConfig({ JWT_SECRET: SECRET }).identityProvider).toBeUndefined();
    expect(loadConfig({ JWT_SECRET: SECRET, ...idp }).identityProvider).toEqual({
      authorizationUrl: idp.OIDC_AUTHORIZATION_URL,
      tokenUrl: idp.OIDC_TOKEN_URL,
      clientId: 'veilig-samen-web',
      scope: 'openid',
    });
    expect(() => loadConfig({ JWT_SECRET: SECRET, OIDC_CLIENT_ID: 'x' })).toThrow(/OIDC_AUTHORIZATION_URL, OIDC_TOKEN_URL ontbreekt/);
    expect(() => loadConfig({ JWT_SECRET: SECRET, ...idp, OIDC_TOKEN_URL: 'http://idp.example.nl/token' })).toThrow(/OIDC_TOKEN_URL: moet https gebruiken/);
    expect(loadConfig({ JWT_SECRET: SECRET, ...idp, OIDC_TOKEN_URL: 'http://127.0.0.1:8080/token' }).identityProvider?.tokenUrl).toBe('http://127.0.0.1:8080/token');
  });

  it('trusts no proxy by default, and takes TRUSTED_PROXIES as addresses and CIDR blocks only', () => {
    expect(loadConfig({ JWT_SECRET: SECRET }).trustedProxies).toEqual([]);
    expect(loadConfig({ JWT_SECRET: SECRET, TRUSTED_PROXIES: ' 172.30.0.10, 10.1.0.0/16,fd00::/8,::1, ' }).trustedProxies).toEqual(['172.30.0.10', '10.1.0.0/16', 'fd00::/8', '::1']);
    for (const bad of ['nginx', '*', 'true', '10.0.0.0/33', '10.0.0.1/8/2', '10.0.0.1/', 'fd00::/129', '10.0.0.256']) {
      expect(() => loadConfig({ JWT_SECRET: SECRET, TRUSTED_PROXIES: `10.0.0.1,${bad}` }), bad).toThrow(/TRUSTED_PROXIES: moet een kommagescheiden lijst/);
    }
  });
});
