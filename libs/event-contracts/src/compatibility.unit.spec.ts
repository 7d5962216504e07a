import { breakingChanges } from './compatibility';
import { type JsonSchema } from './json-schema';

// Type aliases, not interfaces: they fit JsonSchema's index signature.
type Node = {
  type?: string | string[];
  description?: string;
  enum?: string[];
  $ref?: string;
  items?: Node;
  properties?: Record<string, Node>;
  required?: string[];
};

type Editable = {
  title?: string;
  type: string;
  additionalProperties: boolean;
  properties: Record<string, Node>;
  required: string[];
  definitions: Record<string, Node>;
};

const v1: Editable = {
  type: 'object',
  additionalProperties: false,
  properties: {
    paymentId: { type: 'string' },
    amount: { type: 'number' },
    ownerId: { type: 'string', description: 'who' },
    currency: { $ref: '#/definitions/CurrencyCode' },
    lines: { type: 'array', items: { $ref: '#/definitions/Line' } },
  },
  required: ['paymentId', 'amount', 'currency', 'lines'],
  definitions: {
    CurrencyCode: { type: 'string' },
    Line: {
      type: 'object',
      properties: { sku: { type: 'string' }, status: { type: 'string', enum: ['a', 'b'] } },
      required: ['sku', 'status'],
    },
  },
};

/** v1 with one change applied to a copy. */
const changed = (change: (schema: Editable) => void): JsonSchema => {
  const copy = structuredClone(v1);
  change(copy);
  return copy;
};

const line = (schema: Editable): Node & { properties: Record<string, Node> } => {
  const definition = schema.definitions['Line'];
  if (!definition?.properties) throw new Error('fixture without Line');
  return definition as Node & { properties: Record<string, Node> };
};

describe('breaking changes within one schema version', () => {
  it('none when nothing changed but descriptions and titles', () => {
    expect(breakingChanges(v1, v1)).toEqual([]);
    const documented = changed((s) => {
      s.properties['ownerId'] = { type: 'string', description: 'the customer' };
      s.title = 'PaymentCreated';
    });
    expect(breakingChanges(v1, documented)).toEqual([]);
  });

  it('none for a new optional property, on the payload or a nested type', () => {
    const added = changed((s) => {
      s.properties['note'] = { type: 'string' };
      line(s).properties['colour'] = { type: 'string' };
    });
    expect(breakingChanges(v1, added)).toEqual([]);
  });

  it('a removed property', () => {
    expect(
      breakingChanges(
        v1,
        changed((s) => delete s.properties['amount']),
      ),
    ).toEqual(['/amount: removed']);
  });

  it('a retyped property, narrowed or widened', () => {
    expect(
      breakingChanges(
        v1,
        changed((s) => (s.properties['amount'] = { type: 'string' })),
      ),
    ).toEqual(['/amount: type "number" → "string"']);
    expect(
      breakingChanges(
        v1,
        changed(
          (s) => (s.properties['ownerId'] = { type: ['string', 'null'], description: 'who' }),
        ),
      ),
    ).toEqual(['/ownerId: type "string" → ["string","null"]']);
  });

  it('a property added as required, made required or made optional', () => {
    const addedRequired = changed((s) => {
      s.properties['note'] = { type: 'string' };
      s.required.push('note');
    });
    expect(breakingChanges(v1, addedRequired)).toEqual(['/note: added as required']);
    expect(
      breakingChanges(
        v1,
        changed((s) => s.required.push('ownerId')),
      ),
    ).toEqual(['/ownerId: now required']);
    expect(
      breakingChanges(
        v1,
        changed((s) => s.required.splice(1, 1)),
      ),
    ).toEqual(['/amount: no longer required']);
  });

  it('changes inside referenced definitions and array items', () => {
    const retypedDefinition = changed((s) => (s.definitions['CurrencyCode'] = { type: 'number' }));
    expect(breakingChanges(v1, retypedDefinition)).toEqual(['/currency: type "string" → "number"']);
    const newEnumValue = changed((s) => line(s).properties['status']?.enum?.push('c'));
    expect(breakingChanges(v1, newEnumValue)).toEqual([
      '/lines/items/status: enum ["a","b"] → ["a","b","c"]',
    ]);
    const removedNested = changed((s) => delete line(s).properties['sku']);
    expect(breakingChanges(v1, removedNested)).toEqual(['/lines/items/sku: removed']);
  });

  it('an object opened or closed to unknown properties', () => {
    expect(
      breakingChanges(
        v1,
        changed((s) => (s.additionalProperties = true)),
      ),
    ).toEqual(['(the payload): additionalProperties false → true']);
  });
});
