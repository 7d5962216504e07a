import { type Decider, RuleViolation } from '@ledgerline/domain';
import { deciderSpec } from './decider-spec';

type Added = { type: 'Added'; data: { n: number } };
const capped: Decider<{ add: number }, number, Added> = {
  initialState: 0,
  decide: ({ add }, total) => {
    if (total + add > 10) throw new RuleViolation('cap', 'over 10');
    return [{ type: 'Added', data: { n: add } }];
  },
  evolve: (total, event) => total + event.data.n,
};
const given = deciderSpec(capped);

describe('deciderSpec', () => {
  it('folds the given events with evolve before deciding', () => {
    given({ type: 'Added', data: { n: 4 } })
      .when({ add: 5 })
      .then([{ type: 'Added', data: { n: 5 } }]);
    given({ type: 'Added', data: { n: 8 } })
      .when({ add: 5 })
      .thenThrows(RuleViolation, { rule: 'cap' });
  });

  it('fails when the expected error is not thrown or has other fields', () => {
    expect(() => given().when({ add: 1 }).thenThrows(RuleViolation)).toThrow();
    expect(() =>
      given({ type: 'Added', data: { n: 10 } })
        .when({ add: 1 })
        .thenThrows(RuleViolation, { rule: 'other' }),
    ).toThrow();
    expect(() => given().when({ add: 1 }).then([])).toThrow();
  });
});
