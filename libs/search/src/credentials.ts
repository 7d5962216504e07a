import { readFileSync } from 'node:fs';
import { type ClientOptions } from '@elastic/elasticsearch';

/** How a process authenticates to Elasticsearch; every field optional (security off locally). */
export interface SearchCredentials {
  readonly username?: string;
  readonly password?: string;
  /** Takes precedence over username and password. */
  readonly apiKey?: string;
  /** PEM file of the CA that signed the server's certificate. */
  readonly caFile?: string;
}

/** The settings' names (libs/config storeCredentialSettings) as credentials. */
export const searchCredentialsFrom = (config: {
  readonly ELASTICSEARCH_USERNAME?: string;
  readonly ELASTICSEARCH_PASSWORD?: string;
  readonly ELASTICSEARCH_API_KEY?: string;
  readonly ELASTICSEARCH_CA_FILE?: string;
}): SearchCredentials => ({
  ...(config.ELASTICSEARCH_USERNAME && { username: config.ELASTICSEARCH_USERNAME }),
  ...(config.ELASTICSEARCH_PASSWORD && { password: config.ELASTICSEARCH_PASSWORD }),
  ...(config.ELASTICSEARCH_API_KEY && { apiKey: config.ELASTICSEARCH_API_KEY }),
  ...(config.ELASTICSEARCH_CA_FILE && { caFile: config.ELASTICSEARCH_CA_FILE }),
});

/** The client options the credentials amount to: `auth` and `tls` only when set. */
export const searchAuthOptions = (
  credentials: SearchCredentials,
  readCa: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): Pick<ClientOptions, 'auth' | 'tls'> => {
  const { username, password, apiKey, caFile } = credentials;
  const auth: ClientOptions['auth'] | undefined = apiKey
    ? { apiKey }
    : username
      ? { username, password: password ?? '' }
      : undefined;
  return {
    ...(auth && { auth }),
    ...(caFile && { tls: { ca: readCa(caFile) } }),
  };
};
