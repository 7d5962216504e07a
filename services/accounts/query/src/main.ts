import './instrumentation';
import { runQueryService } from '@ledgerline/query-service';
import { accountsQuery } from './service';

runQueryService(accountsQuery());
