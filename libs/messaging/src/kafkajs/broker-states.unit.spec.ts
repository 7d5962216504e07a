import { KafkaJSAggregateError, KafkaJSError, KafkaJSNonRetriableError } from 'kafkajs';
import { classifyBrokerError, nextStartupDelay, untilBrokerSettles } from './broker-states';

/** A broker answer as kafkajs decodes it: an error carrying the protocol error's type. */
const answer = (type: string): Error => Object.assign(new KafkaJSError(type), { type });

describe('a broker answer during startup', () => {
  it('is success when every topic asked for already exists, whoever created it', () => {
    const created = new KafkaJSAggregateError('Topic creation errors', [
      answer('TOPIC_ALREADY_EXISTS'),
      answer('TOPIC_ALREADY_EXISTS'),
    ] as never);
    expect(classifyBrokerError(created)).toEqual({ kind: 'exists' });
  });

  it('is transient when "already exists" is mixed with a state that passes', () => {
    const mixed = new KafkaJSAggregateError('Topic creation errors', [
      answer('TOPIC_ALREADY_EXISTS'),
      answer('REQUEST_TIMED_OUT'),
    ] as never);
    expect(classifyBrokerError(mixed)).toEqual({ kind: 'transient', state: 'REQUEST_TIMED_OUT' });
  });

  it('is fatal when any topic was refused for good (a bad config)', () => {
    const refused = new KafkaJSAggregateError('Topic creation errors', [
      answer('TOPIC_ALREADY_EXISTS'),
      answer('INVALID_CONFIG'),
    ] as never);
    expect(classifyBrokerError(refused)).toEqual({ kind: 'fatal' });
  });

  it.each([
    'LEADER_NOT_AVAILABLE',
    'NOT_LEADER_FOR_PARTITION',
    'UNKNOWN_TOPIC_OR_PARTITION',
    'GROUP_COORDINATOR_NOT_AVAILABLE',
    'GROUP_LOAD_IN_PROGRESS',
    'NOT_COORDINATOR_FOR_GROUP',
  ])('is transient for %s, also inside the wrapper kafkajs gives up with', (type) => {
    expect(classifyBrokerError(answer(type))).toEqual({ kind: 'transient', state: type });
    // kafkajs sets `cause` at runtime; its typings omit the constructor's second argument.
    const wrapped = Object.assign(new KafkaJSNonRetriableError(answer(type)), {
      cause: answer(type),
    });
    expect(classifyBrokerError(wrapped)).toEqual({ kind: 'transient', state: type });
  });

  it('is transient when kafkajs found no coordinator yet', () => {
    const notFound = Object.assign(new Error('no coordinator'), {
      name: 'KafkaJSGroupCoordinatorNotFound',
    });
    expect(classifyBrokerError(notFound)).toEqual({
      kind: 'transient',
      state: 'KafkaJSGroupCoordinatorNotFound',
    });
  });

  it('is fatal for a refused connection or anything unknown', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), {
      name: 'KafkaJSConnectionError',
    });
    expect(classifyBrokerError(refused)).toEqual({ kind: 'fatal' });
    expect(classifyBrokerError(new Error('boom'))).toEqual({ kind: 'fatal' });
    expect(classifyBrokerError(undefined)).toEqual({ kind: 'fatal' });
  });
});

describe('the startup budget', () => {
  it('waits at least 50 ms and at most 2 s, never past the budget', () => {
    for (let attempt = 1; attempt < 20; attempt += 1) {
      const delay = nextStartupDelay(attempt, 0, 60_000)!;
      expect(delay).toBeGreaterThanOrEqual(50);
      expect(delay).toBeLessThanOrEqual(2_000);
    }
    expect(nextStartupDelay(10, 59_990, 60_000)).toBeLessThanOrEqual(10);
  });

  it('is spent once the elapsed time reaches it', () => {
    expect(nextStartupDelay(1, 60_000, 60_000)).toBeUndefined();
  });

  it('retries transient states, saying what it waits for, until the attempt succeeds', async () => {
    const waits: string[] = [];
    let calls = 0;
    const result = await untilBrokerSettles(
      'leaders of t',
      () => {
        calls += 1;
        return calls < 3 ? Promise.reject(answer('LEADER_NOT_AVAILABLE')) : Promise.resolve('ok');
      },
      { budgetMs: 10_000, onWait: ({ what, state }) => waits.push(`${what}: ${state}`) },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([
      'leaders of t: LEADER_NOT_AVAILABLE',
      'leaders of t: LEADER_NOT_AVAILABLE',
    ]);
  });

  it('rethrows the broker error as it is once the budget is spent', async () => {
    const stuck = answer('GROUP_COORDINATOR_NOT_AVAILABLE');
    const started = Date.now();
    await expect(
      untilBrokerSettles('the coordinator', () => Promise.reject(stuck), { budgetMs: 300 }),
    ).rejects.toBe(stuck);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('does not retry an error that will not pass', async () => {
    const fatal = new Error('INVALID_CONFIG');
    let calls = 0;
    await expect(
      untilBrokerSettles(
        'x',
        () => {
          calls += 1;
          return Promise.reject(fatal);
        },
        { budgetMs: 10_000 },
      ),
    ).rejects.toBe(fatal);
    expect(calls).toBe(1);
  });
});
