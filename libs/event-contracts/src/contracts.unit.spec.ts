import { type Contracts, reviewContracts } from './contracts';
import { printJson } from './json-schema';

const v1 = printJson({
  type: 'object',
  properties: { paymentId: { type: 'string' }, ownerId: { type: 'string' } },
  required: ['paymentId'],
});
const withNote = printJson({
  type: 'object',
  properties: {
    paymentId: { type: 'string' },
    ownerId: { type: 'string' },
    note: { type: 'string' },
  },
  required: ['paymentId'],
});
const ownerRequired = printJson({
  type: 'object',
  properties: { paymentId: { type: 'string' }, ownerId: { type: ['string', 'null'] } },
  required: ['paymentId', 'ownerId'],
});

const CREATED_V1 = 'schemas/payment/PaymentCreated.v1.json';
const CREATED_V2 = 'schemas/payment/PaymentCreated.v2.json';

const generated = (files: Record<string, string>, superseded: string[] = []): Contracts => ({
  files: new Map(Object.entries(files)),
  superseded,
});

describe('reviewing generated contracts against the committed ones', () => {
  it('writes a new schema and nothing when the committed one is the same', () => {
    expect(reviewContracts(generated({ [CREATED_V1]: v1 }), new Map())).toEqual({
      writes: new Map([[CREATED_V1, v1]]),
      breaking: [],
    });
    expect(reviewContracts(generated({ [CREATED_V1]: v1 }), new Map([[CREATED_V1, v1]]))).toEqual({
      writes: new Map(),
      breaking: [],
    });
  });

  it('writes an additive optional change over the same version', () => {
    const review = reviewContracts(
      generated({ [CREATED_V1]: withNote }),
      new Map([[CREATED_V1, v1]]),
    );
    expect(review).toEqual({ writes: new Map([[CREATED_V1, withNote]]), breaking: [] });
  });

  it('refuses a breaking change to a committed version, and keeps it unwritten', () => {
    const review = reviewContracts(
      generated({ [CREATED_V1]: ownerRequired }),
      new Map([[CREATED_V1, v1]]),
    );
    expect(review.writes.size).toBe(0);
    expect(review.breaking).toHaveLength(1);
    expect(review.breaking[0]).toMatch(/^schemas\/payment\/PaymentCreated\.v1\.json: a breaking/);
    expect(review.breaking[0]).toMatch(/\/ownerId: type "string" → \["string","null"\]/);
    expect(review.breaking[0]).toMatch(/\/ownerId: now required/);
    expect(review.breaking[0]).toMatch(/as the next version, with an upcaster/);
  });

  it('takes the same change as a new version, the old one kept', () => {
    const review = reviewContracts(
      generated({ [CREATED_V2]: ownerRequired }, [CREATED_V1]),
      new Map([[CREATED_V1, v1]]),
    );
    expect(review).toEqual({ writes: new Map([[CREATED_V2, ownerRequired]]), breaking: [] });
  });

  it('refuses to lose a superseded version or keep a schema no event type has', () => {
    const lost = reviewContracts(
      generated({ [CREATED_V2]: ownerRequired }, [CREATED_V1]),
      new Map([[CREATED_V2, ownerRequired]]),
    );
    expect(lost.breaking).toEqual([
      expect.stringMatching(
        /^schemas\/payment\/PaymentCreated\.v1\.json: the schema of a superseded version is missing/,
      ),
    ]);
    const orphan = reviewContracts(
      generated({ [CREATED_V1]: v1 }),
      new Map([
        [CREATED_V1, v1],
        [CREATED_V2, ownerRequired],
      ]),
    );
    expect(orphan.breaking).toEqual([
      expect.stringMatching(
        /^schemas\/payment\/PaymentCreated\.v2\.json: no event type has this version/,
      ),
    ]);
  });
});
