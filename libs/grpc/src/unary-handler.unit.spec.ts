import { EventEmitter } from 'node:events';
import * as grpc from '@grpc/grpc-js';
import { unaryHandler } from './unary-handler';
import { recordingLogger } from './testing/recording-logger';

// The grpc-js call surface the wrapper reads; the int specs cover the real thing.
const fakeCall = (state: { cancelled: boolean; deadline: number }) =>
  Object.assign(new EventEmitter(), {
    request: { message: 'hi' },
    cancelled: state.cancelled,
    metadata: new grpc.Metadata(),
    getDeadline: () => state.deadline,
  }) as unknown as grpc.ServerUnaryCall<{ message: string }, { message: string }>;

const run = (call: grpc.ServerUnaryCall<{ message: string }, { message: string }>) => {
  const handler = jest.fn((request: { message: string }) => request);
  const callback = jest.fn();
  unaryHandler(handler, { logger: recordingLogger() })(call, callback);
  return { handler, callback, settled: new Promise((resolve) => setImmediate(resolve)) };
};

describe('unaryHandler', () => {
  it('answers DEADLINE_EXCEEDED without running the handler when the deadline has passed', async () => {
    const { handler, callback, settled } = run(
      fakeCall({ cancelled: false, deadline: Date.now() - 1 }),
    );
    await settled;

    expect(handler).not.toHaveBeenCalled();
    expect(callback).toHaveBeenCalledWith(
      expect.objectContaining({ code: grpc.status.DEADLINE_EXCEEDED }),
    );
  });

  it('does nothing for a call the client already cancelled', async () => {
    const { handler, callback, settled } = run(fakeCall({ cancelled: true, deadline: Infinity }));
    await settled;

    expect(handler).not.toHaveBeenCalled();
    expect(callback).not.toHaveBeenCalled();
  });

  it('runs the handler for a live call without a deadline', async () => {
    const { handler, callback, settled } = run(fakeCall({ cancelled: false, deadline: Infinity }));
    await settled;

    expect(handler).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalledWith(null, { message: 'hi' });
  });
});
