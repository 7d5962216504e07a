import './instrumentation';
import { runCheckoutService } from './service';

runCheckoutService();
