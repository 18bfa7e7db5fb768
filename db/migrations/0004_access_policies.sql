-- Row-level security. Two request roles:
--   warroom_auth  resolves sign-ins, sessions and tokens into an actor (sees only what that needs);
--   warroom_app   runs every signed-in request, confined to app.tenant_id and the app.scopes subtrees.
-- Policies compare with (select app_tenant()) so PostgreSQL evaluates the setting once per query.

alter table tenants enable row level security;
alter table unit_levels enable row level security;
alter table units enable row level security;
alter table users enable row level security;
alter table grants enable row level security;
alter table sessions enable row level security;
alter table login_attempts enable row level security;
alter table api_tokens enable row level security;
alter table audit_events enable row level security;

-- ---------- warroom_app ----------
grant select on tenants, unit_levels, roles, permissions, role_permissions, audit_event_types, system_jobs to warroom_app;
grant insert, update, delete on unit_levels to warroom_app;
grant select, insert, update, delete on units to warroom_app;
grant select (id, email, name, locale, access_ends_at, created_at) on users to warroom_app;
grant update (name, locale) on users to warroom_app;
grant select, insert, delete on grants to warroom_app;
grant select, insert on api_tokens to warroom_app;
grant update (revoked_at) on api_tokens to warroom_app;
grant select, insert on audit_events to warroom_app;

create policy app_tenant on tenants for select to warroom_app using (id = (select app_tenant()));

create policy app_levels on unit_levels for all to warroom_app
  using (tenant_id = (select app_tenant())) with check (tenant_id = (select app_tenant()));

create policy app_units on units for all to warroom_app
  using (tenant_id = (select app_tenant()) and path <@ (select app_scopes()))
  with check (tenant_id = (select app_tenant()) and path <@ (select app_scopes()));

create policy app_users_read on users for select to warroom_app using (
  id = (select app_user())
  or exists (select 1 from grants g where g.user_id = users.id and g.tenant_id = (select app_tenant())));
create policy app_users_self on users for update to warroom_app
  using (id = (select app_user())) with check (id = (select app_user()));

-- A grant is visible when it is the actor's own or sits on a unit the actor can see.
create policy app_grants on grants for all to warroom_app
  using (tenant_id = (select app_tenant()) and (user_id = (select app_user())
    or exists (select 1 from units u where u.tenant_id = grants.tenant_id and u.id = grants.unit_id)))
  with check (tenant_id = (select app_tenant())
    and exists (select 1 from units u where u.tenant_id = grants.tenant_id and u.id = grants.unit_id));

create policy app_tokens on api_tokens for all to warroom_app
  using (tenant_id = (select app_tenant()) and user_id = (select app_user()))
  with check (tenant_id = (select app_tenant()) and user_id = (select app_user()));

create policy app_audit_read on audit_events for select to warroom_app
  using (tenant_id = (select app_tenant())
    and (unit_path <@ (select app_scopes()) or (unit_path is null and (select app_is_root()))));
create policy app_audit_write on audit_events for insert to warroom_app
  with check (tenant_id = (select app_tenant()));

-- ---------- warroom_auth ----------
grant select, insert, update on users to warroom_auth;
grant select, insert, update, delete on sessions to warroom_auth;
grant select, insert, delete on login_attempts to warroom_auth;
grant select on tenants, grants, units, roles, permissions, role_permissions, system_jobs to warroom_auth;
grant select on api_tokens to warroom_auth;
grant update (last_used_at) on api_tokens to warroom_auth;
grant insert on audit_events to warroom_auth;

create policy auth_users on users for all to warroom_auth using (true) with check (true);
create policy auth_sessions on sessions for all to warroom_auth using (true) with check (true);
create policy auth_attempts on login_attempts for all to warroom_auth using (true) with check (true);
create policy auth_tokens on api_tokens for all to warroom_auth using (true) with check (true);
-- Only the grants, units and tenants of the user being resolved (app.user_id).
create policy auth_grants on grants for select to warroom_auth using (user_id = (select app_user()));
create policy auth_units on units for select to warroom_auth using (exists (
  select 1 from grants g where g.tenant_id = units.tenant_id and g.unit_id = units.id and g.user_id = (select app_user())));
create policy auth_tenants on tenants for select to warroom_auth using (exists (
  select 1 from grants g where g.tenant_id = tenants.id and g.user_id = (select app_user())));
create policy auth_audit on audit_events for insert to warroom_auth with check (exists (
  select 1 from grants g where g.tenant_id = audit_events.tenant_id and g.user_id = (select app_user())));
