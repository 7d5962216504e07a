import './instrumentation';
import { runCommandService } from '@ledgerline/command-service';
import { ordersService } from './service';

runCommandService(ordersService);
