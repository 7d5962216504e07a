import { searchAuthOptions, searchCredentialsFrom } from './credentials';

const readCa = (file: string) => `pem of ${file}`;

describe('Elasticsearch credentials', () => {
  it('adds nothing when none are set (the local stack)', () => {
    const credentials = searchCredentialsFrom({
      ELASTICSEARCH_USERNAME: '',
      ELASTICSEARCH_PASSWORD: '',
      ELASTICSEARCH_API_KEY: '',
      ELASTICSEARCH_CA_FILE: '',
    });

    expect(searchAuthOptions(credentials, readCa)).toEqual({});
  });

  it('authenticates with a user and password, and trusts the given CA', () => {
    const credentials = searchCredentialsFrom({
      ELASTICSEARCH_USERNAME: 'ledgerline_accounts_query',
      ELASTICSEARCH_PASSWORD: 's3cret',
      ELASTICSEARCH_CA_FILE: '/etc/ca.pem',
    });

    expect(searchAuthOptions(credentials, readCa)).toEqual({
      auth: { username: 'ledgerline_accounts_query', password: 's3cret' },
      tls: { ca: 'pem of /etc/ca.pem' },
    });
  });

  it('prefers an API key to a user and password', () => {
    const options = searchAuthOptions({ apiKey: 'aWQ6a2V5', username: 'u', password: 'p' }, readCa);

    expect(options).toEqual({ auth: { apiKey: 'aWQ6a2V5' } });
  });
});
