import { randomUUID } from 'node:crypto';
import { type LoadClients } from './clients';
import { errorCode, outcomeUnknown, retryDelayMs, TimeoutError } from './retry';
import { type OperationStats } from './stats';

type Receipt = NonNullable<Awaited<ReturnType<LoadClients['depositFunds']>>['receipt']>;
type OrderOutcome = 'confirmed' | 'cancelled' | 'unsettled';

export interface OrderRecord {
  readonly orderId: string;
  readonly customerAccountId: string;
  readonly merchantAccountId: string;
  readonly totalMinor: number;
  receipt: Receipt | undefined;
  outcome: OrderOutcome;
  paymentId?: string;
}

export interface WorkloadSettings {
  readonly clients: LoadClients;
  /** The owner of every account opened: the token's subject, or undefined for one per account. */
  readonly ownerId: string | undefined;
  readonly checkoutTimeoutMs: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const CURRENCY = 'EUR';
/** Every customer starts with this much (minor units), enough for thousands of checkouts. */
export const OPENING_DEPOSIT_MINOR = 10_000_000;
const FINAL: Readonly<Record<string, OrderOutcome>> = {
  ORDER_STATUS_CONFIRMED: 'confirmed',
  ORDER_STATUS_SHIPPED: 'confirmed',
  ORDER_STATUS_CANCELLED: 'cancelled',
};

const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T | undefined =>
  items[Math.floor(Math.random() * items.length)];

/**
 * What a load run does to the platform and what it knows it did: its accounts, the deposits
 * made into them, the orders placed and how each ended; commands whose answer was lost are sent
 * again (same idempotency key) when the run settles, so the money check knows their outcome.
 */
export class Workload {
  readonly customers: string[] = [];
  readonly merchants: string[] = [];
  readonly deposits = new Map<string, number>();
  readonly orders = new Map<string, OrderRecord>();
  /** Per code, the first message seen: what a summary shows next to the counts. */
  readonly errorSamples = new Map<string, string>();
  private readonly owners = new Map<string, string>();
  private readonly lastReceipt = new Map<string, Receipt>();
  private readonly lostAnswers: (() => Promise<void>)[] = [];
  /** Commands whose outcome stayed unknown after settling: the money check cannot hold. */
  unresolved = 0;
  private queries = 0;

  constructor(private readonly settings: WorkloadSettings) {}

  get clients(): WorkloadSettings['clients'] {
    return this.settings.clients;
  }

  get accounts(): string[] {
    return [...this.customers, ...this.merchants];
  }

  /** Sends until the call answers, again after UNAVAILABLE / RESOURCE_EXHAUSTED (RetryInfo). */
  async retrying<T>(stats: OperationStats | undefined, send: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await send();
      } catch (error) {
        const delay = retryDelayMs(error, attempt);
        if (delay === undefined) throw error;
        if (stats) stats.retries += 1;
        await this.settings.sleep(delay);
      }
    }
  }

  /** Runs one operation, counting it as ok (with its latency) or as an error by status code. */
  async measure(stats: OperationStats, operation: () => Promise<void>): Promise<void> {
    const started = this.settings.now();
    try {
      await operation();
      stats.succeeded(this.settings.now() - started);
    } catch (error) {
      const code = errorCode(error);
      stats.failed(code);
      if (!this.errorSamples.has(code))
        this.errorSamples.set(code, error instanceof Error ? error.message : String(error));
    }
  }

  /** Opens an account (a customer's with its opening deposit) and waits until the view has it. */
  async openAccount(stats: OperationStats, kind: 'CUSTOMER' | 'MERCHANT'): Promise<void> {
    const { clients } = this.settings;
    const accountId = randomUUID();
    const ownerId = this.settings.ownerId ?? randomUUID();
    const opened = await this.retrying(stats, () =>
      clients.openAccount({
        accountId,
        ownerId,
        kind: `ACCOUNT_KIND_${kind}`,
        currency: CURRENCY,
        idempotencyKey: randomUUID(),
      }),
    );
    this.owners.set(accountId, ownerId);
    this.deposits.set(accountId, 0);
    if (opened.receipt) this.lastReceipt.set(accountId, opened.receipt);
    if (kind === 'CUSTOMER') await this.depositInto(stats, accountId, OPENING_DEPOSIT_MINOR);
    await this.retrying(stats, () =>
      clients.getBalance({ accountId, consistencyToken: this.lastReceipt.get(accountId) ?? null }),
    );
    (kind === 'CUSTOMER' ? this.customers : this.merchants).push(accountId);
  }

  async deposit(stats: OperationStats): Promise<void> {
    const accountId = pick(this.accounts);
    if (accountId) await this.depositInto(stats, accountId, between(100, 10_000));
  }

  private async depositInto(stats: OperationStats, accountId: string, amount: number) {
    const request = {
      accountId,
      amount: { amountMinor: String(amount), currency: CURRENCY },
      idempotencyKey: randomUUID(),
    };
    const send = () => this.settings.clients.depositFunds(request);
    const credited = (receipt: Receipt | null) => {
      this.deposits.set(accountId, (this.deposits.get(accountId) ?? 0) + amount);
      if (receipt) this.lastReceipt.set(accountId, receipt);
    };
    try {
      credited((await this.retrying(stats, send)).receipt);
    } catch (error) {
      if (outcomeUnknown(error))
        this.lostAnswers.push(async () => credited((await this.retrying(undefined, send)).receipt));
      throw error;
    }
  }

  /** PlaceOrder, then the saga does the rest: done when the order is confirmed or cancelled. */
  async checkout(stats: OperationStats): Promise<void> {
    const customerAccountId = pick(this.customers);
    const merchantAccountId = pick(this.merchants);
    if (!customerAccountId || !merchantAccountId) return;
    const order: OrderRecord = {
      orderId: randomUUID(),
      customerAccountId,
      merchantAccountId,
      totalMinor: between(100, 5_000),
      receipt: undefined,
      outcome: 'unsettled',
    };
    const request = {
      orderId: order.orderId,
      customerId: this.owners.get(customerAccountId)!,
      merchantId: this.owners.get(merchantAccountId)!,
      customerAccountId,
      merchantAccountId,
      currency: CURRENCY,
      lines: [
        {
          sku: 'LOAD-1',
          description: 'load test item',
          quantity: 1,
          unitPriceMinor: String(order.totalMinor),
        },
      ],
      idempotencyKey: randomUUID(),
    };
    const send = () => this.settings.clients.placeOrder(request);
    try {
      order.receipt = (await this.retrying(stats, send)).receipt ?? undefined;
    } catch (error) {
      if (outcomeUnknown(error))
        this.lostAnswers.push(async () => {
          order.receipt = (await this.retrying(undefined, send)).receipt ?? undefined;
          this.orders.set(order.orderId, order);
        });
      throw error;
    }
    this.orders.set(order.orderId, order);
    if (!(await this.awaitFinal(order, stats, this.settings.checkoutTimeoutMs)))
      throw new TimeoutError(
        `order ${order.orderId} not final in ${this.settings.checkoutTimeoutMs} ms`,
      );
  }

  /** Polls the order until it is final or `timeoutMs` passed; resolves whether it is final. */
  async awaitFinal(order: OrderRecord, stats: OperationStats | undefined, timeoutMs: number) {
    const deadline = this.settings.now() + timeoutMs;
    let pause = 100;
    while (order.outcome === 'unsettled') {
      const { order: seen } = await this.retrying(stats, () =>
        this.settings.clients.getOrder({
          orderId: order.orderId,
          consistencyToken: order.receipt ?? null,
        }),
      );
      const outcome = seen ? FINAL[seen.status] : undefined;
      if (outcome) {
        order.outcome = outcome;
        if (seen?.paymentId) order.paymentId = seen.paymentId;
        return true;
      }
      if (this.settings.now() + pause > deadline) return false;
      await this.settings.sleep(pause);
      pause = Math.min(1_000, Math.round(pause * 1.5));
    }
    return true;
  }

  /** Reads one of its own things: a balance, an order (read-your-writes), a paid order's payment. */
  async query(stats: OperationStats): Promise<void> {
    const { clients } = this.settings;
    const kind = this.queries++ % 3;
    const orders = [...this.orders.values()];
    const placed = orders.filter((o) => o.receipt);
    const paid = orders.filter((o) => o.paymentId);
    if (kind === 1 && placed.length > 0) {
      const order = pick(placed)!;
      await this.retrying(stats, () =>
        clients.getOrder({ orderId: order.orderId, consistencyToken: order.receipt ?? null }),
      );
    } else if (kind === 2 && paid.length > 0) {
      // No receipt names the payment's last command (the saga sent it): the payments view may
      // lag the orders view by a moment, so NOT_FOUND is read again briefly before it counts.
      const paymentId = pick(paid)!.paymentId!;
      const deadline = this.settings.now() + 5_000;
      for (;;) {
        try {
          await this.retrying(stats, () => clients.getPayment({ paymentId }));
          return;
        } catch (error) {
          if (errorCode(error) !== 'NOT_FOUND' || this.settings.now() > deadline) throw error;
          await this.settings.sleep(100);
        }
      }
    } else {
      const accountId = pick(this.accounts);
      if (accountId) await this.retrying(stats, () => clients.getBalance({ accountId }));
    }
  }

  /** Sends the commands whose answers were lost again, to learn what they did. */
  async resolveLostAnswers(): Promise<void> {
    for (const resend of this.lostAnswers.splice(0))
      await resend().catch((error: unknown) => {
        if (outcomeUnknown(error)) this.unresolved += 1;
      });
  }

  /** The latest receipt of a command of the run's own on an account (read-your-writes). */
  receiptOf(accountId: string): Receipt | undefined {
    return this.lastReceipt.get(accountId);
  }
}
