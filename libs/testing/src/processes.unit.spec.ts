import { startProcess } from './processes';

describe('a test process', () => {
  it('that exits before printing what is awaited rejects at once, with its output', async () => {
    // Given a process that fails at start
    const child = await startProcess('libs/testing/src/fixtures/fails-at-start.ts');
    const started = Date.now();

    // When its readiness line is awaited with a long timeout
    const waited = child.waitForOutput(/listening/, 20_000);

    // Then the wait ends with the exit, not the timeout, and says what the process wrote
    await expect(waited).rejects.toThrow(/exited before printing[\s\S]*a setting is missing/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await child.exited).toBe(3);
  });
});
