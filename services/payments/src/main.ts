import './instrumentation';
import { runCommandService } from '@ledgerline/command-service';
import { paymentsService } from './service';

runCommandService(paymentsService);
