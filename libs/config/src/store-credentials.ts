import { str } from './settings';

/**
 * Credentials of Elasticsearch and Redis (ADR 0028). All optional: the local stack runs both
 * without security; a deployment with security on sets them (from a Secret), and the clients in
 * libs/search and libs/cache pass them on.
 */
export const storeCredentialSettings = {
  ELASTICSEARCH_USERNAME: str({
    description: 'Elasticsearch user (basic auth); empty: none',
    default: '',
  }),
  ELASTICSEARCH_PASSWORD: str({ description: "that user's password", default: '' }),
  ELASTICSEARCH_API_KEY: str({
    description: 'Elasticsearch API key (the encoded id:key), instead of a user and password',
    default: '',
  }),
  ELASTICSEARCH_CA_FILE: str({
    description:
      "PEM file of the CA that signed Elasticsearch's certificate (https); empty: the system's",
    default: '',
  }),
  REDIS_USERNAME: str({
    description: "Redis ACL user; empty: REDIS_URL's userinfo, else the default user",
    default: '',
  }),
  REDIS_PASSWORD: str({
    description: "that user's password; empty: REDIS_URL's userinfo, else none",
    default: '',
  }),
  REDIS_CA_FILE: str({
    description:
      "PEM file of the CA that signed Redis's certificate (rediss:// URLs); empty: the system's",
    default: '',
  }),
};
