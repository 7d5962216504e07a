import { type FieldsPrivacy, holdsPersonal, mapPersonal } from './privacy';

const fields = {
  name: 'personal',
  id: 'safe',
  address: { street: 'personal', country: 'safe' },
  lines: { each: { memo: 'personal', amount: 'safe' } },
} as unknown as FieldsPrivacy<unknown>;

/** What `mapPersonal` says: whether it transformed any value. */
const transformsAny = (data: unknown): boolean => {
  let any = false;
  mapPersonal(fields, data, (value) => ((any = true), value));
  return any;
};

describe('whether data holds personal values', () => {
  it.each([
    ['a personal string at the top', { id: 'a', name: 'Ada' }, true],
    ['only safe strings', { id: 'a', address: { country: 'NL' } }, false],
    ['a personal string nested in an object', { address: { street: '1 Row' } }, true],
    ['a personal string in an array item', { lines: [{ amount: '1' }, { memo: 'gift' }] }, true],
    ['array items without personal strings', { lines: [{ amount: '1' }] }, false],
    ['a personal field that is null', { name: null, id: 'a' }, false],
    ['a personal field that is absent', { id: 'a' }, false],
    ['data that is not an object', 'Ada', false],
    ['a personal name inherited, not own', Object.create({ name: 'Ada' }) as unknown, false],
  ])('%s', (_case, data, expected) => {
    // when asked without copying, then it agrees with what mapPersonal transforms
    expect(holdsPersonal(fields, data)).toBe(expected);
    expect(transformsAny(data)).toBe(expected);
  });
});
