import { Client } from '@elastic/elasticsearch';

export type { Client as SearchClient } from '@elastic/elasticsearch';

/** An Elasticsearch client with bounded retries and timeouts (8.x API, matching the server). */
export const createSearchClient = (url: string): Client =>
  new Client({ node: url, maxRetries: 3, requestTimeout: 30_000, compression: false });
