import './instrumentation';
import { runQueryService } from '@ledgerline/query-service';
import { ordersQuery } from './service';

runQueryService(ordersQuery());
