/**
 * Where a webhook may go (security finding 7). A beheerder chooses the URL,
 * so without these rules the service could be made to call into its own
 * network: the database, a cloud's metadata service, admin ports.
 *
 * - When subscribing, and again before every attempt: https only, and no
 *   host that is an internal address or an obviously internal name. A
 *   pattern on the text is not enough (`[::ffff:7f00:1]`, `2130706433` and
 *   `127.1` are all 127.0.0.1): the URL parser normalizes the host, and
 *   ipaddr.js classifies the address.
 * - Before every attempt (the decisive check): the name is resolved, every
 *   address it has must be public, and the connection goes to exactly the
 *   address that was checked, with no second lookup. A name that answers
 *   differently the next time (DNS rebinding) gains nothing.
 * - Development and tests only (WEBHOOK_ALLOW_LOOPBACK, off by default): this
 *   machine's loopback addresses are allowed too, over plain http as well.
 */
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** A host name to every address it has now. */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** Where one attempt connects: the checked address, and the URL's name for TLS. */
export interface ConnectTarget {
  readonly address: string;
  readonly port: number;
  readonly tls: boolean;
  /** The URL's host name, for SNI and the certificate check; absent when the URL holds an IP address. */
  readonly servername: string | undefined;
}

/** Opens the connection of one attempt (TLS included for https). */
export type Connector = (target: ConnectTarget) => Duplex;

/** The delivery's view of the network: what is allowed, how names are resolved, how connections are made. */
export interface WebhookEgress {
  /** WEBHOOK_ALLOW_LOOPBACK: development and tests only. */
  readonly allowLoopback: boolean;
  readonly resolve: Resolver;
  readonly connect: Connector;
}

/** The operating system's resolver (hosts file included, so `db` in a compose network is seen as what it is). */
export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * Connects to the address itself, never to a name, so nothing is looked up
 * again. TLS checks the certificate against the URL's name (servername), or
 * against the IP address when the URL holds one.
 */
export const directConnector: Connector = (target) =>
  target.tls
    ? tls.connect({ host: target.address, port: target.port, ...(target.servername ? { servername: target.servername } : {}) })
    : net.connect({ host: target.address, port: target.port });

export function webhookEgress(options: { allowLoopback: boolean; resolve?: Resolver; connect?: Connector }): WebhookEgress {
  return { allowLoopback: options.allowLoopback, resolve: options.resolve ?? systemResolver, connect: options.connect ?? directConnector };
}

/**
 * Names that are never a partner's public host: a single label (`db`,
 * `metadata`), localhost, the special-use and private-use domains (RFC 6761,
 * 6762, 8375; ICANN's `.internal`), and the customary internal ones.
 */
const INTERNAL_DOMAINS = ['localhost', 'local', 'localdomain', 'internal', 'intranet', 'lan', 'corp', 'home.arpa'];

/** Dutch names of the ranges (as ipaddr.js calls them) that are not public; others are shown by their own name. */
const RANGE_NAMES: Readonly<Record<string, string>> = {
  loopback: 'loopback',
  private: 'privénetwerk',
  linkLocal: 'link-local',
  carrierGradeNat: 'CGNAT',
  uniqueLocal: 'unique-local',
  multicast: 'multicast',
  unspecified: 'ongespecificeerd adres',
  broadcast: 'broadcast',
  reserved: 'gereserveerd',
  rfc6052: 'NAT64',
  rfc6145: 'IPv4-vertaald',
  '6to4': '6to4',
  teredo: 'Teredo',
  benchmarking: 'benchmark-netwerk',
};

/** Only 2000::/3 is global unicast; ipaddr.js calls everything outside its special ranges unicast, `::7f00:1` too. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

/** An IPv4 address written as IPv6 (`::ffff:127.0.0.1`) is that IPv4 address. */
function unwrap(address: Address): Address {
  return address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() ? address.toIPv4Address() : address;
}

/** Why an address is not public (its range), or null when it is. Anything ipaddr.js does not call plain unicast is not public. */
function nonPublicRange(address: Address): string | null {
  const plain = unwrap(address);
  const range = plain.range();
  if (range !== 'unicast') return RANGE_NAMES[range] ?? range;
  if (plain.kind() === 'ipv6' && !plain.match(GLOBAL_UNICAST_V6)) return 'buiten 2000::/3';
  return null;
}

function isLoopback(address: Address): boolean {
  return unwrap(address).range() === 'loopback';
}

type Host = { readonly kind: 'ip'; readonly address: Address } | { readonly kind: 'name'; readonly name: string };

/**
 * The URL parser has normalized the host already: an IPv4 address in any
 * notation became four decimal parts, an IPv6 address sits in brackets, a
 * name is lower case (punycode for other scripts).
 */
function hostOf(url: URL): Host {
  const hostname = url.hostname;
  if (hostname.startsWith('[')) return { kind: 'ip', address: ipaddr.IPv6.parse(hostname.slice(1, -1)) };
  if (ipaddr.IPv4.isValidFourPartDecimal(hostname)) return { kind: 'ip', address: ipaddr.IPv4.parse(hostname) };
  return { kind: 'name', name: hostname.replace(/\.$/, '') };
}

function isInternalName(name: string): boolean {
  return !name.includes('.') || INTERNAL_DOMAINS.some((domain) => name === domain || name.endsWith(`.${domain}`));
}

function isLoopbackHost(host: Host): boolean {
  return host.kind === 'ip' ? isLoopback(host.address) : host.name === 'localhost' || host.name.endsWith('.localhost');
}

/**
 * Why this URL may not receive webhooks, judged from the URL alone (when
 * subscribing, and before each attempt); null when it may. Its addresses are
 * judged at each attempt by destinationOf.
 */
export function urlRefusal(url: URL, allowLoopback: boolean): string | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'alleen https is toegestaan';
  const host = hostOf(url);
  if (allowLoopback && isLoopbackHost(host)) return null;
  if (url.protocol !== 'https:') return 'alleen https is toegestaan';
  if (host.kind === 'ip') {
    const range = nonPublicRange(host.address);
    return range === null ? null : `${url.hostname} is geen publiek adres (${range})`;
  }
  return isInternalName(host.name) ? `${host.name} is een interne naam, geen publieke host` : null;
}

export type Destination = { readonly ok: true; readonly target: ConnectTarget } | { readonly ok: false; readonly reason: string };

/**
 * Where one attempt may connect, decided now: the URL's rules, then every
 * address the name resolves to must be public (one private address among
 * public ones refuses the lot: the next lookup may well return it). The
 * target is the checked address itself.
 */
export async function destinationOf(url: URL, egress: WebhookEgress): Promise<Destination> {
  const refusal = urlRefusal(url, egress.allowLoopback);
  if (refusal !== null) return { ok: false, reason: refusal };
  const host = hostOf(url);
  let addresses: Address[];
  if (host.kind === 'ip') {
    addresses = [host.address];
  } else {
    let resolved: readonly ResolvedAddress[];
    try {
      resolved = await egress.resolve(host.name);
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
      return { ok: false, reason: `${host.name}: naam niet gevonden${code}` };
    }
    if (resolved.length === 0) return { ok: false, reason: `${host.name}: naam niet gevonden` };
    addresses = [];
    for (const { address } of resolved) {
      if (!ipaddr.isValid(address)) return { ok: false, reason: `${host.name}: ongeldig adres ontvangen` };
      addresses.push(ipaddr.parse(address));
    }
  }
  for (const address of addresses) {
    if (egress.allowLoopback && isLoopback(address)) continue;
    const range = nonPublicRange(address);
    if (range !== null) {
      const what = host.kind === 'name' ? `${host.name} wijst naar ${address.toString()},` : `${address.toString()} is`;
      return { ok: false, reason: `${what} geen publiek adres (${range})` };
    }
    // Plain http is allowed to loopback only, whatever name led there.
    if (url.protocol !== 'https:') return { ok: false, reason: 'alleen https is toegestaan' };
  }
  const [chosen] = addresses as [Address, ...Address[]];
  return {
    ok: true,
    target: {
      address: unwrap(chosen).toString(),
      port: url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port),
      tls: url.protocol === 'https:',
      servername: host.kind === 'name' ? host.name : undefined,
    },
  };
}
