import {
  ConfigError,
  hostPorts,
  int,
  loadConfig,
  port,
  serverSettings,
  serviceSettings,
  str,
  url,
} from './index';

describe('loadConfig', () => {
  const spec = {
    NAME: str({ description: 'a name' }),
    PORT: port({ description: 'a port', default: 8080 }),
    BROKERS: hostPorts({ description: 'brokers' }),
  };

  it('parses present values and applies defaults', () => {
    expect(loadConfig(spec, { NAME: 'x', BROKERS: 'a:1, b:2' })).toEqual({
      NAME: 'x',
      PORT: 8080,
      BROKERS: ['a:1', 'b:2'],
    });
  });

  it.each([
    [{ BROKERS: 'a:1' }, 'config: NAME is required (a name)'],
    [{ NAME: '', BROKERS: 'a:1' }, 'config: NAME is required (a name)'],
    [{ NAME: 'x', BROKERS: 'a:1', PORT: '70000' }, 'config: PORT must be <= 65535, got 70000'],
    [{ NAME: 'x', BROKERS: 'a:1', PORT: '80a' }, 'config: PORT must be an integer, got "80a"'],
    [{ NAME: 'x', BROKERS: 'localhost' }, 'config: BROKERS has "localhost", expected host:port'],
  ])('fails naming the variable for %p', (source, message) => {
    expect(() => loadConfig(spec, source)).toThrow(ConfigError);
    expect(() => loadConfig(spec, source)).toThrow(message);
  });

  it('checks URL protocols', () => {
    expect(() => loadConfig(serverSettings, { POSTGRES_URL: 'http://x' })).toThrow(
      'config: POSTGRES_URL must use postgres or postgresql, got "http:"',
    );
    expect(() =>
      loadConfig({ U: url({ description: 'u', protocols: ['http'] }) }, { U: 'nope' }),
    ).toThrow('config: U must be a URL (http), got "nope"');
  });

  it('bounds integers', () => {
    expect(() => loadConfig({ N: int({ description: 'n', min: 1 }) }, { N: '0' })).toThrow(
      'config: N must be >= 1, got 0',
    );
  });

  it('takes a Kafka topic prefix of the characters a topic name may hold, none by default', () => {
    const { KAFKA_TOPIC_PREFIX } = serviceSettings;
    expect(loadConfig({ KAFKA_TOPIC_PREFIX }, {})).toEqual({ KAFKA_TOPIC_PREFIX: '' });
    expect(loadConfig({ KAFKA_TOPIC_PREFIX }, { KAFKA_TOPIC_PREFIX: 't_1-x.' })).toEqual({
      KAFKA_TOPIC_PREFIX: 't_1-x.',
    });
    expect(() => loadConfig({ KAFKA_TOPIC_PREFIX }, { KAFKA_TOPIC_PREFIX: 'a/b' })).toThrow(
      'config: KAFKA_TOPIC_PREFIX must be up to 100 of A-Z a-z 0-9 . _ -, got "a/b"',
    );
  });
});
