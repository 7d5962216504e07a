import { randomUUID } from 'node:crypto';
import { clientAuthFromEnv, RpcError } from '@ledgerline/grpc';
import { createPaymentsClient, type PaymentsClient } from '@ledgerline/payments-client';
import { findDetail } from '@ledgerline/proto';
import { mintToken } from '@ledgerline/testing';
import { newPayment, startPaymentsUnderTest } from '../fixtures/payments-under-test';

// Whose payment it is, recorded from the verified caller: a user creating one directly, or the
// customer the checkout saga names. What only the saga may claim stays the saga's.

let payments: Awaited<ReturnType<typeof startPaymentsUnderTest>>;
let asCustomer: PaymentsClient;
const customer = randomUUID();

beforeAll(async () => {
  payments = await startPaymentsUnderTest();
  const token = await mintToken({
    sub: customer,
    scopes: ['payments:write', 'payments:refund', 'payments:capture'],
  });
  asCustomer = createPaymentsClient(payments.address, {
    auth: { ...clientAuthFromEnv(), token },
    retries: 0,
  });
});
afterAll(async () => {
  asCustomer?.close();
  await payments?.stop();
});

const ruleOfRefusal = async (call: Promise<unknown>) => {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof RpcError)) throw error;
    return findDetail(error.errorDetails, 'ErrorInfo')?.metadata['rule'];
  }
  throw new Error('expected PERMISSION_DENIED, but the call succeeded');
};

const createdData = async (paymentId: string) => {
  const [created] = await payments.stream(paymentId);
  return created?.data;
};

describe('the owner of a payment', () => {
  it('is the user who created it', async () => {
    const request = newPayment();
    await asCustomer.createPayment(request);
    expect(await createdData(request.paymentId)).toMatchObject({ ownerId: customer });
  });

  it('is the customer a sagas:act caller names with x-on-behalf-of', async () => {
    // The suite's token holds sagas:act, as the checkout workload does.
    const request = newPayment();
    await payments.client.createPayment(request, { onBehalfOf: customer });
    expect(await createdData(request.paymentId)).toMatchObject({ ownerId: customer });
  });

  it('cannot be named by anyone else', async () => {
    const request = newPayment();
    const call = asCustomer.createPayment(request, { onBehalfOf: randomUUID() });
    expect(await ruleOfRefusal(call)).toBe('on-behalf-of');
    expect(await payments.stream(request.paymentId)).toHaveLength(0);
  });
});

describe('ids the checkout saga derives (UUID version 8)', () => {
  const derived = () => `${randomUUID().slice(0, 14)}8${randomUUID().slice(15)}`;

  it('are refused as a new payment or refund id to anyone but the saga', async () => {
    const paymentId = derived();
    expect(await ruleOfRefusal(asCustomer.createPayment(newPayment({ paymentId })))).toBe(
      'saga-ids',
    );
    const refund = asCustomer.refundPayment({
      paymentId: randomUUID(),
      refundId: derived(),
      amount: '1',
    });
    expect(await ruleOfRefusal(refund)).toBe('saga-ids');
    expect(await payments.stream(paymentId)).toHaveLength(0);
  });

  it('are the saga’s to use', async () => {
    const request = newPayment({ paymentId: derived() });
    await payments.client.createPayment(request);
    expect(await payments.stream(request.paymentId)).toHaveLength(1);
  });
});
