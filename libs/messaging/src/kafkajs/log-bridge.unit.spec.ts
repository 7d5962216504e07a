import { logLevel } from 'kafkajs';
import { bridgedLevel } from './log-bridge';

describe('the level of a kafkajs log line', () => {
  it("is debug for a broker's error answer, which the request's sender handles", () => {
    // Given the lines kafkajs's connection logs for error answers on a brand-new broker
    const answers = [
      'Response CreateTopics(key: 19, version: 3)',
      'Response GroupCoordinator(key: 10, version: 2)',
      'Response InitProducerId(key: 22, version: 1)',
    ];

    // When they are bridged
    const levels = answers.map((message) => bridgedLevel(logLevel.ERROR, message));

    // Then none of them is an error
    expect(levels).toEqual(['debug', 'debug', 'debug']);
  });

  it('is warn for a consumer crash, after which the member always runs again', () => {
    // Given the two lines kafkajs logs at error level when a consumer crashes
    const crash = [
      'Crash: KafkaJSNumberOfRetriesExceeded: The coordinator is loading',
      'Restarting the consumer in 300ms',
    ];

    // When they are bridged
    const levels = crash.map((message) => bridgedLevel(logLevel.ERROR, message));

    // Then they are warnings
    expect(levels).toEqual(['warn', 'warn']);
  });

  it("keeps kafkajs's own level for everything else", () => {
    // Given another error, a warning and an informational line
    // When they are bridged
    // Then each keeps its level
    expect(bridgedLevel(logLevel.ERROR, 'Caught error when disconnecting the consumer')).toBe(
      'error',
    );
    expect(bridgedLevel(logLevel.WARN, 'Limiting retries for the idempotent producer')).toBe(
      'warn',
    );
    expect(bridgedLevel(logLevel.INFO, 'Consumer has joined the group')).toBe('info');
    expect(bridgedLevel(logLevel.DEBUG, 'Request Metadata')).toBe('debug');
  });
});
