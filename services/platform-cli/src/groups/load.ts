import { type Command, type CommandGroup, intOption, stringOption, UsageError } from '../command';
import { EXIT } from '../exit-codes';
import { loadCredentials, serviceAddresses } from '../load/connection';
import { parseDuration, parseMix, parseRate } from '../load/options';
import { progressLine, summaryText } from '../load/render-load';
import { runLoad } from '../load/run-load';

const usage = <T>(f: () => T): T => {
  try {
    return f();
  } catch (error) {
    throw error instanceof RangeError ? new UsageError(error.message) : error;
  }
};

const load: Command = {
  name: '',
  summary: 'send a realistic mix of calls at a fixed rate, then check that money was conserved',
  options: [
    { name: 'rate', type: 'string', description: 'operations started per second', default: '10' },
    { name: 'duration', type: 'string', description: 'how long: 500ms, 30s, 2m', default: '30s' },
    {
      name: 'mix',
      type: 'string',
      description: 'operations and weights: checkout,deposit,query or checkout=2,query=5',
      default: 'checkout,deposit,query',
    },
    {
      name: 'accounts',
      type: 'string',
      // Few accounts make hot streams: every checkout and deposit on one of a handful of
      // customers contends for the same stream version.
      description: 'accounts opened first: half customers, half merchants',
      default: '40',
    },
    {
      name: 'max-in-flight',
      type: 'string',
      description: 'operations in flight at most; beyond, due ones are dropped',
      default: '512',
    },
  ],
  details:
    'Open loop: operations start on a timer, so a slow platform shows latency instead of a lower\n' +
    'rate. checkout = PlaceOrder, then GetOrder until the saga confirmed or cancelled it (its\n' +
    'latency is the whole checkout); deposit = DepositFunds; query = GetBalance, GetOrder or\n' +
    'GetPayment of its own. UNAVAILABLE (and RESOURCE_EXHAUSTED with RetryInfo) is sent again\n' +
    'with the same idempotency key; any other status is an error. At the end every checkout\n' +
    'must be final and each account must hold its deposits − paid + received, nothing reserved.\n' +
    '\n' +
    'Services: ACCOUNTS_ADDRESS, ORDERS_ADDRESS, ACCOUNTS_QUERY_ADDRESS, ORDERS_QUERY_ADDRESS,\n' +
    'PAYMENTS_QUERY_ADDRESS (host:port or replicas host:port,host:port, called round robin),\n' +
    'else what npm run up wrote to <stack>/services/addresses.env, else deploy/platform.json.\n' +
    'Credentials: mTLS from TLS_DIR (default <stack>/pki) unless GRPC_TLS=off; the token is\n' +
    'LEDGERLINE_TOKEN, else one minted with the development key for a fresh customer.\n' +
    'Progress goes to stderr (one line, redrawn on a terminal) unless --json.\n' +
    'Exit 0: no failed operation and money conserved; 1: operations failed; 5: money not\n' +
    'conserved (or a checkout never became final).',
  async run(parsed, context) {
    const rate = usage(() => parseRate(stringOption(parsed, 'rate') ?? '10'));
    const durationMs = usage(() => parseDuration(stringOption(parsed, 'duration') ?? '30s'));
    const mix = usage(() => parseMix(stringOption(parsed, 'mix') ?? 'checkout,deposit,query'));
    const accounts = intOption(parsed, 'accounts', 40, 2);
    const maxInFlight = intOption(parsed, 'max-in-flight', 512, 1);
    const credentials = await usage(() =>
      loadCredentials(context.env, context.workspace, Math.ceil(durationMs / 1_000) + 900),
    );
    const out = context.stderr;
    const summary = await runLoad({
      addresses: serviceAddresses(context.env, context.workspace),
      auth: credentials.auth,
      ...(credentials.ownerId !== undefined && { ownerId: credentials.ownerId }),
      rate,
      durationMs,
      mix,
      accounts,
      maxInFlight,
      progressIntervalMs: out.isTTY ? 500 : 5_000,
      ...(!context.json && {
        onProgress: (progress) =>
          out.write(
            out.isTTY ? `\r\x1b[2K${progressLine(progress)}` : `${progressLine(progress)}\n`,
          ),
      }),
    });
    if (!context.json && out.isTTY) out.write('\n');
    return {
      data: { ...summary, token: credentials.token },
      text: summaryText(summary),
      exitCode: !summary.money.conserved
        ? EXIT.verificationFailed
        : summary.ok
          ? EXIT.ok
          : EXIT.failed,
    };
  },
};

export const loadGroup: CommandGroup = {
  name: 'load',
  summary: 'a load generator: checkouts, deposits and queries at a rate, with a money check',
  commands: [],
  default: load,
};
