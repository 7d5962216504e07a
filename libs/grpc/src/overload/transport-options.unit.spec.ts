import { loadConfig, overloadSettings } from '@ledgerline/config';
import { serverTransportOptions } from './transport-options';

describe('serverTransportOptions', () => {
  it('given the default settings, when mapped, then it bounds streams and connection lifetimes', () => {
    const options = serverTransportOptions(loadConfig(overloadSettings, {}));

    expect(options).toEqual({
      'grpc.max_concurrent_streams': 256,
      'grpc.keepalive_time_ms': 60_000,
      'grpc.keepalive_timeout_ms': 20_000,
      'grpc.max_connection_age_ms': 30 * 60_000,
      'grpc.max_connection_age_grace_ms': 30_000,
      'grpc.max_connection_idle_ms': 5 * 60_000,
    });
  });

  it('given operator settings, when mapped, then each lands in the option grpc-js reads', () => {
    const config = loadConfig(overloadSettings, {
      GRPC_MAX_CONCURRENT_STREAMS: '10',
      GRPC_MAX_CONNECTION_AGE_MS: '60000',
      GRPC_MAX_CONNECTION_AGE_GRACE_MS: '5000',
      GRPC_MAX_CONNECTION_IDLE_MS: '120000',
    });

    expect(serverTransportOptions(config)).toMatchObject({
      'grpc.max_concurrent_streams': 10,
      'grpc.max_connection_age_ms': 60_000,
      'grpc.max_connection_age_grace_ms': 5_000,
      'grpc.max_connection_idle_ms': 120_000,
    });
  });

  it('given a client-only option, when mapped, then it is not set on the server', () => {
    const options = serverTransportOptions(loadConfig(overloadSettings, {}));

    expect(options).not.toHaveProperty('grpc.keepalive_permit_without_calls');
  });
});
