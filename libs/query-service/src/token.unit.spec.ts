import { consistencyToken } from './token';

const receipt = {
  streamId: 'payment-01HZ',
  streamVersion: '3',
  globalPosition: '42',
  replayed: false,
  transactionId: '7781',
};

describe('a consistency token read from a receipt', () => {
  it('carries the stream version and the checkpoint', () => {
    expect(consistencyToken(receipt)).toEqual({
      streamId: 'payment-01HZ',
      streamVersion: 3,
      checkpoint: { transactionId: '7781', position: 42 },
    });
  });

  it('is absent when the request carries none or an empty one', () => {
    expect(consistencyToken(null)).toBeUndefined();
    expect(consistencyToken(undefined)).toBeUndefined();
    expect(
      consistencyToken({
        streamId: '',
        streamVersion: '0',
        globalPosition: '0',
        transactionId: '',
      }),
    ).toBeUndefined();
  });

  it('has no checkpoint when the command recorded nothing (no transaction id)', () => {
    expect(consistencyToken({ ...receipt, transactionId: '' })?.checkpoint).toBeUndefined();
  });

  it.each([
    [{ streamId: '' }, 'consistencyToken.streamId: is required'],
    [{ streamVersion: '0' }, 'consistencyToken.streamVersion: must be an integer of at least 1'],
    [{ streamVersion: '-2' }, 'consistencyToken.streamVersion: '],
    [{ transactionId: '12; DROP' }, 'consistencyToken.transactionId: '],
    [{ transactionId: '99999999999999999999' }, 'consistencyToken.transactionId: '],
    [{ globalPosition: '0' }, 'consistencyToken.globalPosition: '],
    [{ streamId: 'payment-\u0000' }, 'consistencyToken.streamId: must not contain control'],
  ])('refuses %j naming the field', (change, message) => {
    expect(() => consistencyToken({ ...receipt, ...change })).toThrow(message);
  });
});
