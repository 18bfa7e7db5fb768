-- Imports from the web (POST /api/imports) and party data edited as data.

-- An upload is a row from the moment it is received: queued, then running (a background job,
-- system_jobs kind 'import:<id>', carries its progress and heartbeat), then done or failed. A failed
-- import keeps its problems here and nothing else: the importer's own transaction rolled back.
-- CLI imports (tenant_id null) are inserted done, as before.
alter table imports add column status text not null default 'done' check (status in ('queued', 'running', 'done', 'failed'));
-- Who uploaded it: the tenant and the unit of their elections.import grant. Reference data is shared,
-- but the upload (its file name, the uploader) is the tenant's own. No foreign key to tenants: imports
-- is a reference table (docs/scaling.md), and Citus allows no reference → distributed key.
alter table imports add column tenant_id uuid;
alter table imports add column unit_path ltree;
alter table imports add column user_id uuid;
alter table imports add column bytes bigint;
alter table imports add column options jsonb not null default '{}';
alter table imports add column summary jsonb;
alter table imports add column problems jsonb not null default '[]';
alter table imports add column message text;

alter table imports enable row level security;
-- Requests see their own tenant's uploads within their scopes, and the operator's CLI imports.
create policy app_imports_read on imports for select to warroom_app
  using (tenant_id is null or (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes())));
create policy app_imports_add on imports for insert to warroom_app
  with check (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes()) and status = 'queued');
grant insert (kind, file_name, format, imported_by, tenant_id, unit_path, user_id, bytes, options, status) on imports to warroom_app;

-- Successions by state: a party can split differently in each state (Shiv Sena in Maharashtra only).
-- A null state is every state; (from, to, year, state) is one row, nulls equal. A nullable column cannot
-- be in a primary key, so the key becomes an id and the four columns a unique index.
alter table party_successions drop constraint party_successions_pkey;
alter table party_successions add column id bigint generated always as identity primary key;
alter table party_successions add column state_code text;
create unique index party_successions_key on party_successions (from_party, to_party, effective_year, state_code) nulls not distinct;

-- Aliases and successions are edited from the web by holders of elections.import (audited in their
-- tenant's log), and from the CLI by the operator.
grant insert, update, delete on party_aliases, party_successions to warroom_app;

insert into audit_event_types (code, description) values
  ('parties.alias', 'A party alias was added, changed or removed (shared by all tenants)'),
  ('parties.succession', 'A party succession was added, changed or removed (shared by all tenants)');
