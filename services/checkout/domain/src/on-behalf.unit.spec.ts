import { given, ok, orderPlaced, refused } from './testing';

const byAlice = orderPlaced(2500, 'alice');

describe('a checkout of an order a customer placed', () => {
  it('creates the payment and reserves the funds on behalf of the customer who placed the order', () => {
    const reaction = given()
      .when(byAlice)
      .then({
        commands: [
          ['CreatePayment', 'create-payment'],
          ['ReserveFunds', 'reserve-funds'],
        ],
        status: 'running',
        phase: 'creating-payment',
      });
    expect(reaction.commands?.[0]).toMatchObject({ onBehalfOf: 'alice' });
    expect(reaction.commands?.[1]).toMatchObject({
      accountId: 'customer-1',
      onBehalfOf: 'alice',
    });
  });

  it('settles as the saga itself: only the customer-facing steps act for the customer', () => {
    const reaction = given(byAlice, ok('create-payment'), ok('reserve-funds'))
      .when(ok('authorize-payment'))
      .then({
        commands: [
          ['CaptureReservation', 'capture-reservation'],
          ['CreditFunds', 'credit-merchant'],
        ],
        status: 'running',
        phase: 'settling',
      });
    for (const command of reaction.commands ?? []) expect(command).not.toHaveProperty('onBehalfOf');
  });

  it('given the customer does not own the paying account, when the reservation is refused, then the payment fails and the order is cancelled', () => {
    const reaction = given(byAlice, ok('create-payment'))
      .when(refused('reserve-funds', null, 'PERMISSION_DENIED'))
      .then({
        commands: [
          ['FailPayment', 'fail-payment'],
          ['CancelOrder', 'cancel-order'],
        ],
        status: 'compensating',
        phase: 'compensating',
      });
    expect(reaction.state.reason).toBe("the paying account is not the customer's");
    expect(reaction.commands?.[1]).toMatchObject({
      reason: "the paying account is not the customer's",
    });
    // No money moved, so there is no reservation to release and no credit to take back.
    expect(reaction.commands?.map((c) => c.type)).not.toContain('ReleaseReservation');
  });
});

describe('a checkout of an order a workload placed (or placed before placers were recorded)', () => {
  it('given an operator acting for any owner placed it, then the saga acts as itself', () => {
    const reaction = given()
      .when(orderPlaced(2500, 'ops', true))
      .then({
        commands: [
          ['CreatePayment', 'create-payment'],
          ['ReserveFunds', 'reserve-funds'],
        ],
        status: 'running',
        phase: 'creating-payment',
      });
    for (const command of reaction.commands ?? []) expect(command).not.toHaveProperty('onBehalfOf');
  });

  it('acts as the saga alone', () => {
    const opened = given()
      .when(orderPlaced(2500))
      .then({
        commands: [
          ['CreatePayment', 'create-payment'],
          ['ReserveFunds', 'reserve-funds'],
        ],
        status: 'running',
        phase: 'creating-payment',
      });
    for (const command of opened.commands ?? []) expect(command).not.toHaveProperty('onBehalfOf');
  });
});
