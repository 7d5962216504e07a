import { checkText, InvalidInput, parseOptionalText, parseText } from './index';

describe('free text a command carries', () => {
  it('is trimmed and kept when it is plain text, in any script', () => {
    expect(parseText('reason', '  Kartenzahlung abgelehnt — 拒否  ', 100)).toBe(
      'Kartenzahlung abgelehnt — 拒否',
    );
    // A pair of surrogates is one character outside the BMP, not a broken one.
    expect(parseText('description', 'gift 🎁', 20)).toBe('gift 🎁');
  });

  it.each([
    ['NUL', 'card\u0000declined', 'U+0000 at index 4'],
    ['a line feed inside', 'two\nlines', 'U+000A at index 3'],
    ['a tab', 'a\tb', 'U+0009 at index 1'],
    ['an escape', '\u001b[31mred', 'U+001B at index 0'],
    ['DEL', 'x\u007f', 'U+007F at index 1'],
    ['a C1 control', 'x\u0085y', 'U+0085 at index 1'],
  ])('refuses %s, naming the field and the character', (_, value, where) => {
    const parse = () => parseText('reason', value, 100);
    expect(parse).toThrow(InvalidInput);
    expect(parse).toThrow(`reason: must not contain control characters (${where})`);
  });

  it.each([
    ['a lone high surrogate', 'abc\uD83C', 'U+D83C at index 3'],
    ['a lone low surrogate', '\uDF81abc', 'U+DF81 at index 0'],
    ['two high surrogates in a row', '\uD83C\uD83Cx', 'U+D83C at index 0'],
  ])('refuses %s as not well-formed Unicode', (_, value, where) => {
    expect(() => parseText('sku', value, 100)).toThrow(
      `sku: must be well-formed Unicode (unpaired surrogate ${where})`,
    );
  });

  it('trims surrounding line breaks and tabs like spaces, refusing what stays inside', () => {
    expect(parseText('reason', '\tdeclined\r\n', 100)).toBe('declined');
    expect(() => parseText('reason', '\tde\u0000clined\n', 100)).toThrow(
      'reason: must not contain control characters (U+0000 at index 2)',
    );
  });

  it('checks length and presence as before', () => {
    expect(() => parseText('reason', '   ', 10)).toThrow('reason: is required');
    expect(() => parseText('reason', 'x'.repeat(11), 10)).toThrow(
      'reason: must be at most 10 characters',
    );
  });
});

describe('optional free text', () => {
  it('is absent when unset or blank', () => {
    expect(parseOptionalText('carrier', undefined, 10)).toBeNull();
    expect(parseOptionalText('carrier', '', 10)).toBeNull();
    expect(parseOptionalText('carrier', '   ', 10)).toBeNull();
  });

  it('is refused when it holds a control character that is not whitespace', () => {
    expect(parseOptionalText('carrier', '\n', 10)).toBeNull();
    expect(() => parseOptionalText('carrier', '\u0000', 10)).toThrow(
      'carrier: must not contain control characters (U+0000 at index 0)',
    );
  });

  it('is trimmed when present', () => {
    expect(parseOptionalText('carrier', ' DHL ', 10)).toBe('DHL');
  });
});

describe('checkText', () => {
  it('returns the value untouched when it is plain text', () => {
    expect(checkText('key', ' order-42 ')).toBe(' order-42 ');
  });
});
