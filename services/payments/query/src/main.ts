import './instrumentation';
import { runQueryService } from '@ledgerline/query-service';
import { paymentsQuery } from './service';

runQueryService(paymentsQuery());
