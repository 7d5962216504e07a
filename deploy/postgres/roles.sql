-- The platform's PostgreSQL roles (docs/adr/0028-least-privilege-in-the-stores.md) for a server
-- the local stack does not manage: docker-compose.yml runs it on a new data volume
-- (/docker-entrypoint-initdb.d), a development cluster with `psql -f`. Development password only;
-- production creates the roles with its own secrets. deploy/local/stack.sh creates the same roles
-- from deploy/platform.json. `platform db migrate`, run as ledgerline_owner, grants them.
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['ledgerline_owner', 'ledgerline_accounts', 'ledgerline_payments',
                           'ledgerline_orders', 'ledgerline_accounts_query',
                           'ledgerline_payments_query', 'ledgerline_orders_query',
                           'ledgerline_checkout'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', r, 'ledgerline');
    END IF;
  END LOOP;
END
$$;
GRANT CONNECT, CREATE ON DATABASE ledgerline TO ledgerline_owner;
GRANT ledgerline_owner TO ledgerline;
