import * as grpc from '@grpc/grpc-js';
import { InvalidInput } from '@ledgerline/domain';
import { bindCaller, type Caller, Forbidden } from '@ledgerline/grpc';
import { actingFor, checkSagaDerivedId, onBehalfOf, ownedBy } from './acting-for';
import { checkSagaKey } from './command-call';

const saga: Caller = {
  kind: 'workload',
  subject: 'checkout',
  scopes: new Set(['funds:settle', 'owners:any', 'sagas:act']),
};
const customer: Caller = { kind: 'user', subject: 'alice', scopes: new Set(['funds:move']) };
const operator: Caller = { kind: 'user', subject: 'ops', scopes: new Set(['owners:any']) };
const settler: Caller = { kind: 'workload', subject: 'payments', scopes: new Set(['x']) };

const call = (caller: Caller | undefined, headers: Record<string, string> = {}) => {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(headers)) metadata.set(key, value);
  if (caller) bindCaller(metadata, caller);
  return metadata;
};

const forbidden = (act: () => unknown): string | undefined => {
  try {
    act();
    return undefined;
  } catch (error) {
    if (error instanceof Forbidden) return error.rule;
    throw error;
  }
};

describe('acting on behalf of a customer', () => {
  it('given the saga sends x-on-behalf-of, then the command acts for that customer', () => {
    const metadata = call(saga, { 'x-on-behalf-of': 'alice' });
    expect(onBehalfOf(metadata)).toBe('alice');
    expect(actingFor(metadata)).toEqual({ subject: 'alice', onBehalf: true });
  });

  it.each([
    ['a customer', customer],
    ['an operator acting for any owner', operator],
    ['a workload without sagas:act', settler],
    ['an unverified call', undefined],
  ])('given %s sends x-on-behalf-of, then it is refused, not ignored', (_who, caller) => {
    expect(forbidden(() => actingFor(call(caller, { 'x-on-behalf-of': 'bob' })))).toBe(
      'on-behalf-of',
    );
  });

  it('refuses a value a header may not carry', () => {
    const metadata = call(saga, { 'x-on-behalf-of': 'a'.repeat(129) });
    expect(() => onBehalfOf(metadata)).toThrow(InvalidInput);
  });

  it('given a user without owners:any, then the command acts for the user itself', () => {
    expect(actingFor(call(customer))).toEqual({ subject: 'alice', onBehalf: false });
  });

  it('given a caller acting for any owner, then no ownership applies', () => {
    expect(actingFor(call(operator))).toBeUndefined();
    expect(actingFor(call(saga))).toBeUndefined();
  });
});

describe('ownedBy', () => {
  it('matches ids however they are cased, and other subjects exactly', () => {
    const id = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    expect(ownedBy(id, id.toUpperCase())).toBe(true);
    expect(ownedBy('01hzx3v9q8w5t6y7m8n9p0rb0b', '01HZX3V9Q8W5T6Y7M8N9P0RB0B')).toBe(true);
    expect(ownedBy(id, 'alice')).toBe(false);
    expect(ownedBy('Alice', 'alice')).toBe(false);
  });
});

describe('what only the saga may claim', () => {
  // derivedUuid(checkout, order, payment) has version 8; a client's random UUID has version 4.
  const derived = '3b2f0c6e-94a1-8d2e-9f10-6a7b8c9d0e1f';
  const random = '3b2f0c6e-94a1-4d2e-9f10-6a7b8c9d0e1f';

  it('given a saga-derived id, then only a sagas:act caller may use it', () => {
    expect(forbidden(() => checkSagaDerivedId(call(saga), derived))).toBeUndefined();
    expect(forbidden(() => checkSagaDerivedId(call(customer), derived))).toBe('saga-ids');
    expect(forbidden(() => checkSagaDerivedId(call(operator), derived.toUpperCase()))).toBe(
      'saga-ids',
    );
  });

  it('given any other id, then anyone may use it', () => {
    expect(forbidden(() => checkSagaDerivedId(call(customer), random))).toBeUndefined();
    expect(
      forbidden(() => checkSagaDerivedId(call(customer), '01HZX3V9Q8W5T6Y7M8N9P0RB0B')),
    ).toBeUndefined();
  });

  it('given a saga: idempotency key, then only a sagas:act caller may use it', () => {
    expect(forbidden(() => checkSagaKey('saga:o-1:reserve-funds', saga))).toBeUndefined();
    expect(forbidden(() => checkSagaKey('saga:o-1:reserve-funds', operator))).toBe('saga-keys');
    expect(forbidden(() => checkSagaKey('saga:o-1:reserve-funds', undefined))).toBe('saga-keys');
    expect(forbidden(() => checkSagaKey('my-saga:1', customer))).toBeUndefined();
    expect(forbidden(() => checkSagaKey(undefined, customer))).toBeUndefined();
  });
});
