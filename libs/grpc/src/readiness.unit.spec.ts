import { healthStatuses, Readiness } from './readiness';

const SERVICES = ['', 'ledgerline.payments.v1.PaymentQueryService'];

describe('healthStatuses', () => {
  describe('given PostgreSQL reachable and one of two projectors assigned', () => {
    const conditions = [
      { name: 'postgres', component: false, met: true },
      { name: 'ledgerline.projection.payments', component: true, met: true },
      { name: 'ledgerline.projection.payments.search', component: true, met: false },
    ];

    it('serves the gRPC service and the assigned projector, not the whole server', () => {
      expect(Object.fromEntries(healthStatuses(conditions, SERVICES))).toEqual({
        '': 'NOT_SERVING',
        'ledgerline.payments.v1.PaymentQueryService': 'SERVING',
        'ledgerline.projection.payments': 'SERVING',
        'ledgerline.projection.payments.search': 'NOT_SERVING',
      });
    });
  });

  describe('given PostgreSQL unreachable', () => {
    it('serves nothing, though every projector is assigned', () => {
      const statuses = healthStatuses(
        [
          { name: 'postgres', component: false, met: false },
          { name: 'ledgerline.projection.payments', component: true, met: true },
        ],
        SERVICES,
      );

      expect(new Set(statuses.values())).toEqual(new Set(['NOT_SERVING']));
    });
  });

  it('serves everything once every condition is met', () => {
    const statuses = healthStatuses([{ name: 'postgres', component: false, met: true }], SERVICES);

    expect(Object.fromEntries(statuses)).toEqual({
      '': 'SERVING',
      'ledgerline.payments.v1.PaymentQueryService': 'SERVING',
    });
  });
});

describe('Readiness', () => {
  it('starts a condition not met and tells listeners about each change, once', () => {
    const readiness = new Readiness();
    const postgres = readiness.condition('postgres');
    let changes = 0;
    readiness.onChange(() => (changes += 1));

    expect(readiness.statuses(SERVICES).get('')).toBe('NOT_SERVING');

    postgres.set(true);
    postgres.set(true);

    expect(changes).toBe(1);
    expect(readiness.statuses(SERVICES).get('')).toBe('SERVING');

    postgres.set(false, 'connection refused');

    expect(changes).toBe(2);
    expect(readiness.unmet()).toEqual([{ name: 'postgres', reason: 'connection refused' }]);
  });

  it('names components, and only components, as health names of their own', () => {
    const readiness = new Readiness();
    readiness.condition('postgres');
    readiness.condition('ledgerline.projection.orders', { component: true });

    expect(readiness.componentNames()).toEqual(['ledgerline.projection.orders']);
  });
});
