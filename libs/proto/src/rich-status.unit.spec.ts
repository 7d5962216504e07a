import { findDetail } from './error-details';
import { decodeRichStatus, encodeRichStatus } from './rich-status';

describe('rich status codec', () => {
  it('round-trips every detail type Ledgerline sends', () => {
    const bytes = encodeRichStatus({
      code: 9,
      message: 'insufficient funds',
      details: [
        {
          type: 'ErrorInfo',
          reason: 'RULE_VIOLATION',
          domain: 'ledgerline',
          metadata: { rule: 'funds' },
        },
        { type: 'BadRequest', fieldViolations: [{ field: 'amount', description: 'must be > 0' }] },
        { type: 'PreconditionFailure', violations: [{ type: 'rule', subject: 'funds' }] },
        { type: 'ResourceInfo', resourceType: 'Account', resourceName: 'acc-1' },
        { type: 'RetryInfo', retryDelay: { seconds: 1, nanos: 500_000_000 } },
      ],
    });

    expect(decodeRichStatus(bytes)).toEqual({
      code: 9,
      message: 'insufficient funds',
      details: [
        {
          type: 'ErrorInfo',
          reason: 'RULE_VIOLATION',
          domain: 'ledgerline',
          metadata: { rule: 'funds' },
        },
        { type: 'BadRequest', fieldViolations: [{ field: 'amount', description: 'must be > 0' }] },
        {
          type: 'PreconditionFailure',
          violations: [{ type: 'rule', subject: 'funds', description: '' }],
        },
        {
          type: 'ResourceInfo',
          resourceType: 'Account',
          resourceName: 'acc-1',
          owner: '',
          description: '',
        },
        { type: 'RetryInfo', retryDelay: { seconds: '1', nanos: 500_000_000 } },
      ],
    });
  });

  it('keeps details of unknown types instead of dropping them', () => {
    // A Status{code: 3, details: [Any{type_url: "x/y", value: 0x01}]} written by hand.
    const foreign = Buffer.from([
      0x08, 0x03, 0x1a, 0x08, 0x0a, 0x03, 0x78, 0x2f, 0x79, 0x12, 0x01, 0x01,
    ]);

    expect(decodeRichStatus(foreign).details).toEqual([
      { type: 'Unknown', typeUrl: 'x/y', value: Buffer.from([0x01]) },
    ]);
  });

  it('finds a detail by type', () => {
    const { details } = decodeRichStatus(
      encodeRichStatus({
        code: 3,
        message: 'bad',
        details: [{ type: 'BadRequest', fieldViolations: [{ field: 'currency' }] }],
      }),
    );

    expect(findDetail(details, 'BadRequest')?.fieldViolations[0]?.field).toBe('currency');
    expect(findDetail(details, 'ErrorInfo')).toBeUndefined();
  });
});
