import type { TokenClaims } from '@veilig-samen/contracts';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './app.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Client {
  request(method: Method, url: string, options?: { body?: unknown; ifMatch?: string | number; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  /** A write with If-Match set to the given version. */
  write(method: Exclude<Method, 'GET'>, url: string, version: number, body?: unknown): Promise<LightMyRequestResponse>;
}

/**
 * Requests as one caller: their token on every request, If-Match from a version number.
 * The token is signed per request, at the app clock's time: tests move that clock by
 * months, and the service checks a token's times against it.
 */
export function clientFor(t: TestApp, claims: Partial<TokenClaims> = {}): Client {
  const request: Client['request'] = (method, url, options = {}) =>
    t.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${t.token(claims)}`,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.ifMatch === undefined ? {} : { 'if-match': typeof options.ifMatch === 'number' ? `"${options.ifMatch}"` : options.ifMatch }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }),
    });
  return {
    request,
    get: (url) => request('GET', url),
    write: (method, url, version, body) => request(method, url, { body: body ?? {}, ifMatch: version }),
  };
}

/**
 * A household without birth dates: many tests open several cases for it in
 * one database, which 1 gezin 1 plan would refuse for a recognisable
 * household (name and birth date). `householdWithBirthDates` is recognisable.
 * Names in parts (issue 17): "Anna de Vries" is voornamen Anna, voorvoegsel de, geslachtsnaam Vries.
 */
export const household = {
  gemeente: 'Nijmegen',
  bron: 'veilig-thuis',
  leden: [
    { voornamen: 'Anna', voorvoegsel: 'de', geslachtsnaam: 'Vries', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
    { voornamen: 'Bram', voorvoegsel: 'de', geslachtsnaam: 'Vries', relatie: 'ouder', betrokkenheid: ['pleger', 'slachtoffer'] },
    { voornamen: 'Cas', voorvoegsel: 'de', geslachtsnaam: 'Vries', relatie: 'kind', betrokkenheid: ['getuige'] },
  ],
};

export const householdWithBirthDates = {
  ...household,
  leden: [
    { voornamen: 'Anna', voorvoegsel: 'de', geslachtsnaam: 'Vries', geboortedatum: '1988-05-12', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
    { voornamen: 'Bram', voorvoegsel: 'de', geslachtsnaam: 'Vries', geboortedatum: '1986-01-30', relatie: 'ouder', betrokkenheid: ['pleger', 'slachtoffer'] },
    { voornamen: 'Cas', voorvoegsel: 'de', geslachtsnaam: 'Vries', geboortedatum: '2016-09-01', relatie: 'kind', betrokkenheid: ['getuige'] },
  ],
};

export const toplist = (score: number) => ({ score, acties: ['Veiligheidsafspraken doorlopen', 'Huisbezoek', 'Contact school'] });

/** A complete outcome of an expert meeting's agenda item (issue 18 point 3), with `overrides` on top. */
export function meetingOutcome(overrides: Record<string, unknown> = {}) {
  return {
    deelnemers: ['Politie', 'GGZ'],
    besluiten: ['Gezamenlijk huisbezoek'],
    huishoudenAanTafel: 'ja',
    ervaringsdeskundigeAanwezig: true,
    mandaatGemeenteAanwezig: true,
    top3: toplist(4),
    leefdomeinen: ['wonen', 'financien'],
    intensiteit: 'intensief',
    regieMdaTraject: { soort: 'regisseur' },
    volgendeBespreking: '2026-04-15',
    ...overrides,
  };
}

export function plan(afspraken: { id?: string; status?: string; deadline?: string; eigenaar?: unknown }[] = [{}]) {
  return {
    afspraken: afspraken.map((a, i) => ({
      omschrijving: `Afspraak ${i + 1}`,
      eigenaar: { soort: 'organisatie', naam: 'Sociaal Wijkteam' },
      deadline: '2026-03-01',
      ...a,
    })),
    akkoordHuishouden: { akkoord: 'ja' },
  };
}

/**
 * A member's inzage as released (issue 17 point 10): prepared, released
 * without withholding anything, and downloaded, by `client` (the regisseur or
 * a privacy officer). Answers the download, as `accept` asks.
 */
export async function releasedInzage(client: Client, caseId: string, memberId: string, accept = 'application/json'): Promise<LightMyRequestResponse> {
  const prepared = await client.request('POST', `/v1/casussen/${caseId}/leden/${memberId}/inzageverzoeken`, { body: {} });
  if (prepared.statusCode !== 201) return prepared;
  const id = prepared.json<{ id: string }>().id;
  const released = await client.request('POST', `/v1/casussen/${caseId}/inzageverzoeken/${id}/vrijgave`);
  if (released.statusCode !== 200) return released;
  return client.request('GET', `/v1/casussen/${caseId}/inzageverzoeken/${id}/document`, { headers: { accept } });
}
