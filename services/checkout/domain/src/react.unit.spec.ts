import {
  context,
  deadline,
  given,
  givenState,
  ok,
  orderCancelled,
  orderPlaced,
  refused,
} from './testing';

const paid = [orderPlaced(), ok('create-payment'), ok('reserve-funds'), ok('authorize-payment')];
const settled = [...paid, ok('capture-reservation'), ok('credit-merchant')];
const completed = [...settled, ok('capture-payment'), ok('confirm-order')];

describe('a new checkout', () => {
  it('creates the payment and reserves the funds together, with derived ids, and sets the payment deadline', () => {
    const reaction = given()
      .when(orderPlaced(2500))
      .then({
        commands: [
          ['CreatePayment', 'create-payment'],
          ['ReserveFunds', 'reserve-funds'],
        ],
        status: 'running',
        phase: 'creating-payment',
      });
    expect(reaction.commands?.[0]).toEqual({
      step: 'create-payment',
      type: 'CreatePayment',
      paymentId: context.ids.payment,
      orderId: 'order-1',
      payerAccountId: 'customer-1',
      payeeAccountId: 'merchant-1',
      amount: 2500,
      currency: 'EUR',
    });
    expect(reaction.commands?.[1]).toEqual({
      step: 'reserve-funds',
      type: 'ReserveFunds',
      accountId: 'customer-1',
      reservationId: context.ids.reservation,
      amount: 2500,
      currency: 'EUR',
    });
    expect(reaction.deadline).toEqual({ name: 'payment-timeout', afterMs: 30_000 });
  });

  it('ignores the same order placed again', () => {
    given(orderPlaced()).when(orderPlaced()).thenIgnored();
  });
});

describe('the happy path', () => {
  it('waits for both the payment and the reservation, in either order', () => {
    given(orderPlaced())
      .when(ok('create-payment'))
      .then({ commands: [], status: 'running', phase: 'creating-payment' });
    given(orderPlaced())
      .when(ok('reserve-funds'))
      .then({ commands: [], status: 'running', phase: 'creating-payment' });
  });

  it('authorizes the payment with the reservation once both exist', () => {
    const reaction = given(orderPlaced(), ok('create-payment'))
      .when(ok('reserve-funds'))
      .then({
        commands: [['AuthorizePayment', 'authorize-payment']],
        status: 'running',
        phase: 'authorizing',
      });
    expect(reaction.commands?.[0]).toMatchObject({ paymentId: 'pay-1', reservationId: 'res-1' });
    given(orderPlaced(), ok('reserve-funds'))
      .when(ok('create-payment'))
      .then({
        commands: [['AuthorizePayment', 'authorize-payment']],
        status: 'running',
        phase: 'authorizing',
      });
  });

  it('given a checkout started when the payment came before the reservation, then it still reserves after the payment', () => {
    const reaction = givenState({ phase: 'creating-payment', awaiting: ['create-payment'] })
      .when(ok('create-payment'))
      .then({
        commands: [['ReserveFunds', 'reserve-funds']],
        status: 'running',
        phase: 'reserving',
      });
    expect(reaction.commands?.[0]).toMatchObject({ accountId: 'customer-1', amount: 2500 });
  });

  it('captures the reservation and credits the merchant together, and clears the deadline', () => {
    const reaction = given(orderPlaced(), ok('create-payment'), ok('reserve-funds'))
      .when(ok('authorize-payment'))
      .then({
        commands: [
          ['CaptureReservation', 'capture-reservation'],
          ['CreditFunds', 'credit-merchant'],
        ],
        status: 'running',
        phase: 'settling',
      });
    expect(reaction.deadline).toBeNull();
    expect(reaction.commands?.[1]).toMatchObject({
      accountId: 'merchant-1',
      amount: 2500,
      currency: 'EUR',
    });
  });

  it('waits for both legs before capturing the payment', () => {
    given(...paid, ok('credit-merchant'))
      .when(ok('capture-reservation'))
      .then({
        commands: [['CapturePayment', 'capture-payment']],
        status: 'running',
        phase: 'capturing-payment',
      });
    given(...paid)
      .when(ok('capture-reservation'))
      .then({ commands: [], status: 'running', phase: 'settling' });
  });

  it('confirms the order once the payment is captured, and completes', () => {
    given(...settled)
      .when(ok('capture-payment'))
      .then({
        commands: [['ConfirmOrder', 'confirm-order']],
        status: 'running',
        phase: 'confirming',
      });
    given(...settled, ok('capture-payment'))
      .when(ok('confirm-order'))
      .then({ commands: [], status: 'completed', phase: 'completed' });
  });

  it('ignores a repeated outcome of a step already answered', () => {
    given(orderPlaced(), ok('create-payment')).when(ok('create-payment')).thenIgnored();
  });
});

describe('a reservation refused', () => {
  it('fails the payment and cancels the order for insufficient funds', () => {
    const reaction = given(orderPlaced(), ok('create-payment'))
      .when(refused('reserve-funds', 'insufficient-funds'))
      .then({
        commands: [
          ['FailPayment', 'fail-payment'],
          ['CancelOrder', 'cancel-order'],
        ],
        status: 'compensating',
        phase: 'compensating',
      });
    expect(reaction.commands?.map((c) => 'reason' in c && c.reason)).toEqual([
      'insufficient funds',
      'insufficient funds',
    ]);
    expect(reaction.deadline).toBeNull();
  });

  it('given the reservation is refused before the payment answers, then it waits for the payment and fails it', () => {
    given(orderPlaced())
      .when(refused('reserve-funds', 'insufficient-funds'))
      .then({ commands: [], status: 'running', phase: 'creating-payment' });
    const reaction = given(orderPlaced(), refused('reserve-funds', 'insufficient-funds'))
      .when(ok('create-payment'))
      .then({
        commands: [
          ['FailPayment', 'fail-payment'],
          ['CancelOrder', 'cancel-order'],
        ],
        status: 'compensating',
        phase: 'compensating',
      });
    expect(reaction.state.reason).toBe('insufficient funds');
  });

  it('ends compensated when both compensations are done', () => {
    given(
      orderPlaced(),
      ok('create-payment'),
      refused('reserve-funds', 'insufficient-funds'),
      ok('fail-payment'),
    )
      .when(ok('cancel-order'))
      .then({ commands: [], status: 'compensated', phase: 'cancelled' });
  });
});

describe('a payment refused', () => {
  it('given the funds were reserved, then it releases them and cancels the order', () => {
    const reaction = given(orderPlaced(), ok('reserve-funds'))
      .when(refused('create-payment', null, 'INVALID_ARGUMENT'))
      .then({
        commands: [
          ['ReleaseReservation', 'release-reservation'],
          ['CancelOrder', 'cancel-order'],
        ],
        status: 'compensating',
        phase: 'compensating',
      });
    expect(reaction.deadline).toBeNull();
    expect(reaction.state.reason).toBe('payment refused: create-payment refused');
  });

  it('given the reservation was refused too, then it only cancels the order', () => {
    given(orderPlaced(), refused('create-payment'))
      .when(refused('reserve-funds', 'insufficient-funds'))
      .then({
        commands: [['CancelOrder', 'cancel-order']],
        status: 'compensating',
        phase: 'compensating',
      });
  });
});

describe('the payment deadline', () => {
  it('given neither the payment nor the reservation answered, then both are superseded and undone', () => {
    const reaction = given(orderPlaced())
      .when(deadline)
      .then({
        commands: [
          ['ReleaseReservation', 'release-reservation'],
          ['FailPayment', 'fail-payment'],
          ['CancelOrder', 'cancel-order'],
        ],
        status: 'compensating',
        phase: 'compensating',
      });
    expect(reaction.supersede).toEqual(['create-payment', 'reserve-funds']);
    expect(reaction.deadline).toBeNull();
  });

  it('given a checkout started when the payment came first, then no reservation is released', () => {
    const reaction = givenState({ phase: 'creating-payment', awaiting: ['create-payment'] })
      .when(deadline)
      .then({
        commands: [
          ['FailPayment', 'fail-payment'],
          ['CancelOrder', 'cancel-order'],
        ],
        status: 'compensating',
        phase: 'compensating',
      });
    expect(reaction.supersede).toEqual(['create-payment']);
  });

  it('releases any reservation, fails the payment and cancels the order, dropping the awaited step', () => {
    const reaction = given(orderPlaced(), ok('create-payment'))
      .when(deadline)
      .then({
        commands: [
          ['ReleaseReservation', 'release-reservation'],
          ['FailPayment', 'fail-payment'],
          ['CancelOrder', 'cancel-order'],
        ],
        status: 'compensating',
        phase: 'compensating',
      });
    expect(reaction.supersede).toEqual(['reserve-funds']);
  });

  it('counts a release of a reservation that never landed as done', () => {
    given(orderPlaced(), ok('create-payment'), deadline, ok('fail-payment'), ok('cancel-order'))
      .when(refused('release-reservation', 'reservation-not-found'))
      .then({ commands: [], status: 'compensated', phase: 'cancelled' });
  });

  it('is ignored once money is moving', () => {
    given(...paid)
      .when(deadline)
      .thenIgnored();
    given(...completed)
      .when(deadline)
      .thenIgnored();
  });

  it('ignores the outcome of the step it superseded', () => {
    given(orderPlaced(), ok('create-payment'), deadline).when(ok('reserve-funds')).thenIgnored();
  });
});

describe('a compensation refused', () => {
  it('is compensation_failed until a retried compensation succeeds', () => {
    const history = [
      orderPlaced(),
      ok('create-payment'),
      refused('reserve-funds', 'insufficient-funds'),
      ok('cancel-order'),
    ];
    given(...history)
      .when(refused('fail-payment', 'something-else'))
      .then({ commands: [], status: 'compensation_failed', phase: 'cancelled' });
    given(...history, refused('fail-payment', 'something-else'))
      .when(ok('fail-payment'))
      .then({ commands: [], status: 'compensated', phase: 'cancelled' });
  });
});

describe('an order cancelled by someone else', () => {
  it('while the payment and the reservation are made: supersedes both, releases and fails', () => {
    const reaction = given(orderPlaced())
      .when(orderCancelled())
      .then({
        commands: [
          ['ReleaseReservation', 'release-reservation'],
          ['FailPayment', 'fail-payment'],
        ],
        status: 'compensating',
        phase: 'compensating',
      });
    expect(reaction.supersede).toEqual(['create-payment', 'reserve-funds']);
    expect(reaction.state.orderCancelled).toBe(true);
  });

  it('before money moves: releases and fails, but does not cancel the order again', () => {
    given(orderPlaced(), ok('create-payment'), ok('reserve-funds'))
      .when(orderCancelled())
      .then({
        commands: [
          ['ReleaseReservation', 'release-reservation'],
          ['FailPayment', 'fail-payment'],
        ],
        status: 'compensating',
        phase: 'compensating',
      });
  });

  it('after the checkout completed: refunds the payment, debits the merchant and credits the customer', () => {
    const reaction = given(...completed)
      .when(orderCancelled(true))
      .then({
        commands: [
          ['RefundPayment', 'refund-payment'],
          ['DebitFunds', 'refund-debit-merchant'],
          ['CreditFunds', 'refund-credit-customer'],
        ],
        status: 'compensating',
        phase: 'refunding',
      });
    expect(reaction.commands?.[0]).toMatchObject({
      paymentId: 'pay-1',
      refundId: 'ref-1',
      amount: 2500,
    });
  });

  it('while the money moves: refunds when the confirmation is refused', () => {
    given(...settled, orderCancelled(), ok('capture-payment'))
      .when(refused('confirm-order', 'illegal-transition'))
      .then({
        commands: [
          ['RefundPayment', 'refund-payment'],
          ['DebitFunds', 'refund-debit-merchant'],
          ['CreditFunds', 'refund-credit-customer'],
        ],
        status: 'compensating',
        phase: 'refunding',
      });
  });

  it('ends refunded once the three refund steps are done', () => {
    given(...completed, orderCancelled(true), ok('refund-payment'), ok('refund-debit-merchant'))
      .when(ok('refund-credit-customer'))
      .then({ commands: [], status: 'compensated', phase: 'refunded' });
  });

  it('ignores its own cancellation coming back', () => {
    given(orderPlaced(), ok('create-payment'), refused('reserve-funds', 'insufficient-funds'))
      .when(orderCancelled())
      .thenIgnored();
  });
});

describe('a settling leg refused', () => {
  it('gives the captured money back to the customer when the merchant credit is refused', () => {
    given(...paid, ok('capture-reservation'))
      .when(refused('credit-merchant', null, 'NOT_FOUND'))
      .then({
        commands: [
          ['CreditFunds', 'return-to-customer'],
          ['FailPayment', 'fail-payment'],
          ['CancelOrder', 'cancel-order'],
        ],
        status: 'compensating',
        phase: 'compensating',
      });
  });

  it('takes the credit back from the merchant and releases when the capture is refused', () => {
    given(...paid, ok('credit-merchant'))
      .when(refused('capture-reservation'))
      .then({
        commands: [
          ['DebitFunds', 'take-back-from-merchant'],
          ['ReleaseReservation', 'release-reservation'],
          ['FailPayment', 'fail-payment'],
          ['CancelOrder', 'cancel-order'],
        ],
        status: 'compensating',
        phase: 'compensating',
      });
  });
});
