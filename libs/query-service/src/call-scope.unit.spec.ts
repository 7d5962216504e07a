import { type SearchClient } from '@ledgerline/search';
import { callBoundSearchClient, runInCallScope, searchRequestOptions } from './call-scope';

/** Records the options each search is sent with. */
const recordingClient = () => {
  const sent: unknown[] = [];
  const client = {
    search: (_params: unknown, options?: unknown) => {
      sent.push(options);
      return Promise.resolve({});
    },
  };
  return { sent, client: callBoundSearchClient(client as unknown as SearchClient) };
};

describe('searches bounded by the call', () => {
  it('given a call scope, then a search carries the time left and the abort signal', async () => {
    const { sent, client } = recordingClient();
    const cancel = new AbortController();

    await runInCallScope({ deadline: new Date(Date.now() + 1_000), signal: cancel.signal }, () =>
      client.search({ index: 'orders' }),
    );

    expect(sent[0]).toMatchObject({ signal: cancel.signal });
    const { requestTimeout } = sent[0] as { requestTimeout: number };
    expect(requestTimeout).toBeGreaterThan(900);
    expect(requestTimeout).toBeLessThanOrEqual(1_000);
  });

  it('given no call scope, then a search goes out as the caller wrote it', async () => {
    const { sent, client } = recordingClient();

    await client.search({ index: 'orders' });

    expect(sent).toEqual([undefined]);
  });

  it('given options of its own, then they win over the call bounds', async () => {
    const { sent, client } = recordingClient();

    await runInCallScope({ deadline: new Date(Date.now() + 1_000) }, () =>
      client.search({ index: 'orders' }, { requestTimeout: 5 }),
    );

    expect(sent[0]).toEqual({ requestTimeout: 5 });
  });

  it('given a deadline already past, then the timeout is the least possible, never 0 (no limit)', () => {
    expect(searchRequestOptions({ deadline: new Date(Date.now() - 10) })).toEqual({
      requestTimeout: 1,
    });
  });
});
