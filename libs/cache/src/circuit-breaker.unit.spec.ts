import { CircuitBreaker } from './circuit-breaker';

const breakerAt = (failureThreshold = 3, openMs = 1_000) => {
  const clock = { now: 10_000 };
  const breaker = new CircuitBreaker({ failureThreshold, openMs, now: () => clock.now });
  return { breaker, clock };
};

describe('a closed circuit breaker', () => {
  it('passes calls and opens after the threshold of consecutive failures', () => {
    const { breaker } = breakerAt(3);
    expect(breaker.failed()).toBe(false);
    expect(breaker.failed()).toBe(false);
    expect(breaker.admit()).toBe('pass');
    expect(breaker.failed()).toBe(true);
    expect(breaker.state).toBe('open');
    expect(breaker.failed()).toBe(false);
    expect(breaker.admit()).toBe('skip');
  });

  it('forgets failures after a success', () => {
    const { breaker } = breakerAt(3);
    breaker.failed();
    breaker.failed();
    breaker.succeeded();
    breaker.failed();
    breaker.failed();
    expect(breaker.state).toBe('closed');
  });

  it('opens at once when tripped', () => {
    const { breaker } = breakerAt();
    breaker.trip();
    expect(breaker.admit()).toBe('skip');
  });
});

describe('an open circuit breaker', () => {
  const opened = () => {
    const { breaker, clock } = breakerAt(1, 1_000);
    breaker.failed();
    return { breaker, clock };
  };

  it('skips until openMs has passed, then admits exactly one probe', () => {
    const { breaker, clock } = opened();
    clock.now += 999;
    expect(breaker.admit()).toBe('skip');
    expect(breaker.msUntilProbe()).toBe(1);
    clock.now += 1;
    expect(breaker.admit()).toBe('probe');
    expect(breaker.state).toBe('half-open');
    expect(breaker.admit()).toBe('skip');
  });

  it('closes when the probe succeeds', () => {
    const { breaker, clock } = opened();
    clock.now += 1_000;
    breaker.admit();
    breaker.probeSucceeded();
    expect(breaker.admit()).toBe('pass');
  });

  it('waits another openMs when the probe fails', () => {
    const { breaker, clock } = opened();
    clock.now += 1_500;
    breaker.admit();
    breaker.probeFailed();
    clock.now += 999;
    expect(breaker.admit()).toBe('skip');
    clock.now += 1;
    expect(breaker.admit()).toBe('probe');
  });

  it('is not closed by a command admitted before it opened that succeeds late', () => {
    const { breaker } = opened();
    breaker.succeeded();
    expect(breaker.state).toBe('open');
  });

  it('is not postponed by trips while open', () => {
    const { breaker, clock } = opened();
    clock.now += 900;
    breaker.trip();
    clock.now += 100;
    expect(breaker.admit()).toBe('probe');
  });

  it('cannot be closed by a probe when tripped during it', () => {
    const { breaker, clock } = opened();
    clock.now += 1_000;
    breaker.admit();
    breaker.trip();
    breaker.probeSucceeded();
    expect(breaker.state).toBe('open');
    expect(breaker.admit()).toBe('skip');
  });
});
