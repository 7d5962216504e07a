// Jest setup (jest.preset.js `setupFilesAfterEnv`): every event a relay publishes during a test
// file is checked against its published schema (docs/events/schemas, README "Event contracts"),
// and the file fails when one did not match. It sets, for the relays in this process and in the
// service processes it starts (they inherit the environment):
//   EVENT_CONTRACTS_DIR (only when unset) = <repo>/docs/events/schemas,
//   EVENT_CONTRACT_VIOLATIONS_FILE = a fresh file per test file, one JSON line per violation.
// The relay logs and counts each violation and still publishes the event (libs/relay relay.ts);
// the afterAll below turns the file into a failure naming every offending event. Events a relay
// publishes after this hook ran (during the file's own teardown) are not seen.
const { randomUUID } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

const env = process.env;
env.EVENT_CONTRACTS_DIR ??= path.join(__dirname, '..', 'docs', 'events', 'schemas');
const dir = path.join(tmpdir(), 'ledgerline-event-contracts');
mkdirSync(dir, { recursive: true });
const violationsFile = path.join(dir, `${randomUUID()}.ndjson`);
env.EVENT_CONTRACT_VIOLATIONS_FILE = violationsFile;

afterAll(() => {
  if (!existsSync(violationsFile)) return;
  const lines = readFileSync(violationsFile, 'utf8').trim().split('\n').filter(Boolean);
  if (lines.length === 0) return;
  const shown = lines.slice(0, 10).map((line) => {
    const { type, schemaVersion, streamId, eventId, problems } = JSON.parse(line);
    return `  ${type} v${schemaVersion} ${streamId} (${eventId}): ${problems.join('; ')}`;
  });
  throw new Error(
    `${lines.length} published event(s) did not match their schema in docs/events/schemas ` +
      `(all in ${violationsFile}):\n${shown.join('\n')}`,
  );
});
