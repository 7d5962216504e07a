import './instrumentation';
import { runCommandService } from '@ledgerline/command-service';
import { accountsService } from './service';

runCommandService(accountsService());
