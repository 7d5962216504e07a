import { Metadata } from '@grpc/grpc-js';
import { bindCaller, type Caller, Forbidden } from '@ledgerline/grpc';
import { assertMayRead, ownerOfReads, ownerOfSearches, readerOf } from './ownership';

const user = (subject: string, ...scopes: string[]): Caller => ({
  kind: 'user',
  subject,
  scopes: new Set(scopes),
});
const workload = (subject: string): Caller => ({
  kind: 'workload',
  subject,
  scopes: new Set(['orders:read']),
  via: subject,
});

/** given(a caller).when(it reads a resource owned by …).then(allowed or refused) */
const given = (caller: Caller) => ({
  whenReading: (owner: string | null | undefined) => ({
    thenAllowed: () => expect(() => assertMayRead(caller, owner, 'order')).not.toThrow(),
    thenRefused: () => {
      const read = () => assertMayRead(caller, owner, 'order');
      expect(read).toThrow(Forbidden);
      expect(read).toThrow("permission denied: the order is not the caller's");
    },
  }),
});

describe('who may read a single resource', () => {
  it("lets a customer read its own, refuses another's, naming no owner", () => {
    given(user('cust-a', 'orders:read')).whenReading('cust-a').thenAllowed();
    given(user('cust-a', 'orders:read')).whenReading('cust-b').thenRefused();
  });

  it('refuses a customer what has no recorded owner (placed before owners were recorded)', () => {
    given(user('cust-a', 'orders:read')).whenReading(null).thenRefused();
    given(user('cust-a', 'orders:read')).whenReading(undefined).thenRefused();
  });

  it('lets a user with owners:any and any workload read anyone’s, unowned ones too', () => {
    given(user('support', 'orders:read', 'owners:any'))
      .whenReading('cust-b')
      .thenAllowed();
    given(user('support', 'orders:read', 'owners:any'))
      .whenReading(null)
      .thenAllowed();
    given(workload('checkout')).whenReading('cust-b').thenAllowed();
  });

  it('does not take analytics:read for owners:any', () => {
    given(user('analyst', 'orders:read', 'analytics:read'))
      .whenReading('cust-b')
      .thenRefused();
  });
});

describe('whose resources lists and searches return', () => {
  it('restricts lists to the subject unless the caller acts for any owner', () => {
    expect(ownerOfReads(user('cust-a'))).toBe('cust-a');
    expect(ownerOfReads(user('support', 'owners:any'))).toBeUndefined();
    expect(ownerOfReads(workload('checkout'))).toBeUndefined();
  });

  it('restricts searches to the subject unless the caller holds analytics:read', () => {
    expect(ownerOfSearches(user('cust-a', 'search:read'))).toBe('cust-a');
    expect(ownerOfSearches(user('analyst', 'search:read', 'analytics:read'))).toBeUndefined();
    // owners:any is about acting on resources, not about listing everyone's through search.
    expect(ownerOfSearches(user('support', 'search:read', 'owners:any'))).toBe('support');
  });
});

describe('the caller of a call', () => {
  it('is the one the guard bound to the call metadata', () => {
    const metadata = new Metadata();
    const caller = user('cust-a');
    bindCaller(metadata, caller);
    expect(readerOf(metadata)).toBe(caller);
  });

  it('is refused when no guard bound one (fail closed, not "anyone")', () => {
    const metadata = new Metadata();
    metadata.set('authorization', 'Bearer forged.by.client');
    expect(() => readerOf(metadata)).toThrow(Forbidden);
  });
});
