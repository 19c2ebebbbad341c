/**
 * `pnpm token -- --rol lokaal-team --gemeente Nijmegen --sub mw-001`
 * Prints a token signed with the configured JWT_SECRET (or, in demo mode,
 * the demo secret in DATA_DIR). For development and tests only: production
 * tokens come from the region's identity provider.
 */
import { parseArgs } from 'node:util';
import { tokenClaims } from '@veilig-samen/contracts';
import { findMunicipality, ROLES, systemClock } from '@veilig-samen/domain';
import { resolveJwtKeys } from '../auth/keys.js';
import { signToken } from '../auth/tokens.js';
import { configOrExit } from '../cli.js';

const USAGE = `Gebruik: pnpm token -- --rol <rol> [--gemeente <naam>]... [--sub <id>] [--organisatie <naam>] [--oin <20 cijfers>] [--minuten <n, standaard 60>]
Rollen: ${ROLES.join(', ')}`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  // `pnpm token -- --rol x` passes the `--` on; it is not an end-of-options marker here.
  const argv = process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === '--'));
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        rol: { type: 'string' },
        gemeente: { type: 'string', multiple: true },
        sub: { type: 'string' },
        organisatie: { type: 'string' },
        oin: { type: 'string' },
        minuten: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const config = configOrExit(process.env);
  if (config.jwt.keys.kind === 'public-key') {
    fail('pnpm token weigert: er is geen JWT_SECRET geconfigureerd (alleen JWT_PUBLIC_KEY); tokens komen dan van de identity provider.');
  }

  const claims = tokenClaims.safeParse({
    sub: values.sub ?? 'ontwikkelaar-001',
    rol: values.rol,
    organisatie: values.organisatie ?? (values.gemeente?.[0] ? `Gemeente ${values.gemeente[0]}` : 'Veilig Samen ontwikkeling'),
    gemeenten: values.gemeente ?? [],
    ...(values.oin ? { oin: values.oin } : {}),
  });
  if (!claims.success) {
    fail(`Ongeldige claims: ${claims.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n${USAGE}`);
  }
  // The service refuses a token naming a municipality outside the region: say so now, not at the first request.
  const unknown = claims.data.gemeenten.filter((name) => !findMunicipality(config.municipalities, name));
  if (unknown.length > 0) {
    fail(`Onbekende gemeente: ${unknown.join(', ')}. De gemeenten van de regio (GEMEENTEN): ${config.municipalities.map((m) => m.name).join(', ')}.`);
  }
  // Never longer than the service accepts (JWT_MAX_LIFETIME_MINUTES): a token it would refuse helps nobody.
  const maxMinutes = Math.floor(config.jwt.maxLifetimeSeconds / 60);
  const minutes = values.minuten === undefined ? Math.min(60, maxMinutes) : /^\d+$/.test(values.minuten) ? Number(values.minuten) : Number.NaN;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > maxMinutes) {
    fail(`--minuten moet een geheel getal van 1 tot ${maxMinutes} zijn (de langste geldigheid die de service accepteert, JWT_MAX_LIFETIME_MINUTES).`);
  }

  const keys = await resolveJwtKeys(config);
  if (!keys.signingSecret) fail('pnpm token weigert: er is geen JWT_SECRET geconfigureerd.');
  const token = signToken(claims.data, {
    secret: keys.signingSecret,
    issuer: config.jwt.issuer,
    audience: config.jwt.audience,
    expiresInSeconds: minutes * 60,
    nowSeconds: Math.floor(systemClock.now().getTime() / 1000),
  });
  process.stdout.write(`${token}\n`);
}

await main();
