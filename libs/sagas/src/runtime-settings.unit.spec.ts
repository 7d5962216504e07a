import { sendTimings } from './runtime-settings';

describe('the send timings', () => {
  it('default to a 5 s claim, a 500 ms margin and half the claim as the command deadline', () => {
    // given no claim or deadline set
    // when the timings are worked out
    const timings = sendTimings({});
    // then
    expect(timings).toEqual({ claimMs: 5_000, fenceMarginMs: 500, commandDeadlineMs: 2_500 });
  });

  it('keep the margin to a quarter of a short claim', () => {
    // given a 1 s claim
    // when the timings are worked out
    const timings = sendTimings({ claimMs: 1_000 });
    // then
    expect(timings).toEqual({ claimMs: 1_000, fenceMarginMs: 250, commandDeadlineMs: 500 });
  });

  it('stretch the claim to hold a whole command deadline and both margins', () => {
    // given a deadline longer than the claim
    // when the timings are worked out
    const timings = sendTimings({ claimMs: 2_000, commandDeadlineMs: 3_000 });
    // then the fence outlasts the deadline sent at once
    expect(timings).toEqual({ claimMs: 4_000, fenceMarginMs: 500, commandDeadlineMs: 3_000 });
  });
});
