import { type CommandServiceDefinition } from '@ledgerline/command-service';
import {
  PAYMENT_STREAM_CATEGORY,
  paymentPrivacyCatalog,
  paymentUpcasters,
} from '@ledgerline/payments-domain';
import { loadPackage } from '@ledgerline/proto';
import { paymentCommandHandlers } from './command/handlers';

export interface PaymentsServiceOptions {
  /** The event store schema; tests pass a unique one so each suite has its own tables. */
  readonly schema?: string;
}

/** The payments command service: PaymentCommandService over the `payment` streams. */
export const createPaymentsService = (
  options: PaymentsServiceOptions = {},
): CommandServiceDefinition => ({
  name: 'payments',
  schema: options.schema ?? 'payments',
  categories: [PAYMENT_STREAM_CATEGORY],
  upcasters: paymentUpcasters,
  privacy: paymentPrivacyCatalog,
  services: ({ store, logger }) => {
    const { PaymentCommandService } = loadPackage(['ledgerline/payments/v1/payments.proto'])
      .ledgerline.payments.v1;
    return [
      {
        definition: PaymentCommandService.service,
        implementation: paymentCommandHandlers({ store, logger }),
      },
    ];
  },
});

export const paymentsService = createPaymentsService();
