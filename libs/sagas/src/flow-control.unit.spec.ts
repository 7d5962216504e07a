import { sagaFlowControl } from './flow-control';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('saga flow control with room for two running sagas', () => {
  it('makes a third start wait until a running saga ends', async () => {
    const flow = sagaFlowControl({ maxActiveSagas: 2 });
    expect(await flow.admit('a')).toBe(true);
    expect(await flow.admit('b')).toBe(true);
    let third = false;
    const admitted = flow.admit('c').then(() => (third = true));
    await tick();
    expect(third).toBe(false);
    flow.handled('a', 'running');
    await tick();
    expect(third).toBe(false);
    flow.handled('a', 'completed');
    await admitted;
    expect(flow.load().activeSagas).toBe(2);
  });

  it('admits a saga that already holds a place at once, without a second place', async () => {
    const flow = sagaFlowControl({ maxActiveSagas: 2 });
    await flow.admit('a');
    expect(await flow.admit('a')).toBe(false);
    expect(flow.load().activeSagas).toBe(1);
  });

  it('frees a place once its hold time passes, so a stuck saga cannot keep starts out', async () => {
    const flow = sagaFlowControl({ maxActiveSagas: 1, activeSagaHoldMs: 30 });
    await flow.admit('stuck');
    await flow.admit('next');
    expect(flow.load().activeSagas).toBe(1);
  });

  it('stops waiting when its signal aborts', async () => {
    const flow = sagaFlowControl({ maxActiveSagas: 1 });
    await flow.admit('a');
    const closing = new AbortController();
    const waiting = flow.admit('b', closing.signal);
    closing.abort(new Error('stopping'));
    await expect(waiting).rejects.toThrow('stopping');
  });
});

describe('saga flow control with one command in flight per lane', () => {
  it('sends commands of one lane one after another and other lanes alongside', async () => {
    const flow = sagaFlowControl<{ step: string; lane: string }>({
      laneOf: (command) => command.lane,
      commandsInFlightPerLane: 1,
    });
    const sent: string[] = [];
    const finish: (() => void)[] = [];
    const send = (step: string, lane: string) =>
      flow.send({ step, lane }, async () => {
        sent.push(step);
        await new Promise<void>((resolve) => finish.push(resolve));
      });
    const all = [send('a1', 'accounts'), send('a2', 'accounts'), send('p1', 'payments')];
    await tick();
    expect({ sent: [...sent], queued: flow.load().queuedCommands }).toEqual({
      sent: ['a1', 'p1'],
      queued: 1,
    });
    finish[0]!();
    await tick();
    expect(sent).toEqual(['a1', 'p1', 'a2']);
    finish.forEach((f) => f());
    await Promise.all(all);
  });
});
