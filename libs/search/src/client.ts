import { Client } from '@elastic/elasticsearch';
import { searchAuthOptions, type SearchCredentials } from './credentials';

export type { Client as SearchClient } from '@elastic/elasticsearch';

/**
 * An Elasticsearch client with bounded retries and timeouts (8.x API, matching the server),
 * authenticated when `credentials` say so.
 */
export const createSearchClient = (url: string, credentials: SearchCredentials = {}): Client =>
  new Client({
    node: url,
    maxRetries: 3,
    requestTimeout: 30_000,
    compression: false,
    ...searchAuthOptions(credentials),
  });
