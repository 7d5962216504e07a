import * as grpc from '@grpc/grpc-js';
import { InvalidInput } from '@ledgerline/domain';
import { outgoingMetadata, readCallMetadata } from './call-metadata';

// Built the way the server builds it from HTTP/2 headers, which grpc-js does not validate.
const metadataOf = (headers: Record<string, string | string[]>) =>
  grpc.Metadata.fromHttp2Headers(headers);

describe('readCallMetadata', () => {
  it('reads every propagated key and ignores a claimed x-actor', () => {
    const metadata = outgoingMetadata({
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      idempotencyKey: 'key-1',
      onBehalfOf: 'customer-7',
    });
    metadata.set('x-actor', 'user:42');

    expect(metadata.get('x-on-behalf-of')).toEqual(['customer-7']);
    expect(readCallMetadata(metadata)).toEqual({
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      idempotencyKey: 'key-1',
      onBehalfOf: 'customer-7',
    });
  });

  it('generates a correlation id when absent and leaves other keys out', () => {
    expect(readCallMetadata(new grpc.Metadata(), () => 'generated')).toEqual({
      correlationId: 'generated',
    });
  });

  it.each([
    [{ 'idempotency-key': 'k'.repeat(129) }, 'idempotency-key', 'must be at most 128 characters'],
    [{ 'x-correlation-id': ['a', 'b'] }, 'x-correlation-id', 'must be sent once'],
    [{ 'x-causation-id': '' }, 'x-causation-id', 'must not be empty'],
    [{ 'x-on-behalf-of': ['a', 'b'] }, 'x-on-behalf-of', 'must be sent once'],
  ])('rejects %p naming the key', (entries, field, reason) => {
    const read = () => readCallMetadata(metadataOf(entries));

    expect(read).toThrow(InvalidInput);
    expect(read).toThrow(`${field}: ${reason}`);
  });

  it.each(['caf\u00e9', 'a\u0000b', 'a\tb', 'line\n', 'x\u007f'])(
    'rejects %j, which is not printable ASCII',
    (value) => {
      // grpc-js already drops such values from HTTP/2 headers; this guards other Metadata sources.
      const metadata = { get: () => [value] } as unknown as grpc.Metadata;

      expect(() => readCallMetadata(metadata)).toThrow('x-causation-id: must be printable ASCII');
    },
  );

  it('never sees a header value with a control character: grpc-js drops it on receipt', () => {
    grpc.setLogVerbosity(grpc.logVerbosity.NONE); // it logs each dropped entry
    const metadata = metadataOf({ 'x-actor': 'user\u0000', 'idempotency-key': 'key\t1' });
    grpc.setLogVerbosity(grpc.logVerbosity.ERROR);

    expect(readCallMetadata(metadata, () => 'generated')).toEqual({ correlationId: 'generated' });
  });

  it('accepts a value of exactly 128 characters', () => {
    const key = 'k'.repeat(128);

    expect(readCallMetadata(metadataOf({ 'idempotency-key': key })).idempotencyKey).toBe(key);
  });
});
