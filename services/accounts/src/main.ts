import './instrumentation';
import { runCommandService } from '@ledgerline/command-service';
import { ConfigError } from '@ledgerline/config';
import { accountsService } from './service';
import { type AccountsSettings, loadAccountsSettings } from './settings';

const settings = ((): AccountsSettings => {
  try {
    return loadAccountsSettings();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`accounts: ${error.message}\n`);
    process.exit(1);
  }
})();

runCommandService(accountsService({ settings }));
