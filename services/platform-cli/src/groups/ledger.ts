import { verifyLedger } from '@ledgerline/accounts-views';
import { silentProgress, streamProgress } from '@ledgerline/replay';
import { type Command, type CommandGroup, intOption, stringOption } from '../command';
import { EXIT } from '../exit-codes';
import { parsePoint } from '../ledger/point';
import { verificationText } from '../ledger/verification-text';
import { ledgerViews } from '../ledger/views';

const verify: Command = {
  name: 'verify',
  summary: 'fold the accounts store into a double-entry ledger and compare every view with it',
  options: [
    {
      name: 'at',
      type: 'string',
      description: 'a global position, <transaction id>/<position> or an ISO 8601 time',
    },
    { name: 'batch-size', type: 'string', description: 'events per read', default: '10000' },
    {
      name: 'settle-ms',
      type: 'string',
      description: 'without --at: how long lagging views get to catch up',
      default: '15000',
    },
  ],
  details:
    'Checks that every event’s recorded balances follow from the amounts before it, that all\n' +
    'balances plus the external accounts (deposits, clearing) sum to zero per currency, that the\n' +
    'balances view, the transaction history and the payments index agree with the ledger per\n' +
    'account, and that captured payments equal confirmed orders. With --at, rows already past\n' +
    'the point are counted, not compared, and the Elasticsearch sums are skipped.\n' +
    'Exit 5: a difference (the first account and event are named); 2: --at unreadable.',
  async run(parsed, context) {
    const at = stringOption(parsed, 'at');
    const progress = context.json
      ? { ...silentProgress, end: () => undefined }
      : streamProgress(context.stderr);
    progress.phase('fold');
    try {
      const result = await verifyLedger(
        {
          pool: context.pool(),
          searchClient: context.searchClient(),
          views: ledgerViews(context.views()),
        },
        {
          ...(at !== undefined ? { at: parsePoint(at) } : {}),
          batchSize: intOption(parsed, 'batch-size', 10_000, 1),
          settleMs: intOption(parsed, 'settle-ms', 15_000, 0),
          progress,
        },
      );
      progress.end();
      return {
        data: result,
        text: verificationText(result),
        ...(result.ok ? {} : { exitCode: EXIT.verificationFailed }),
      };
    } finally {
      progress.end();
    }
  },
};

export const ledgerGroup: CommandGroup = {
  name: 'ledger',
  summary: 'reconcile money: the accounts store against every view of it',
  commands: [verify],
};
