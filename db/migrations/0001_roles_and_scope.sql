-- Extensions, the two request roles, and the helpers row-level security reads.
create extension if not exists ltree;
create extension if not exists pgcrypto;
create extension if not exists pg_trgm;

-- Roles are cluster-wide in PostgreSQL, so create them only once. Neither may log in,
-- be a superuser or bypass RLS: the server checks that at start-up and refuses to run otherwise.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'warroom_app') then
    create role warroom_app nologin nosuperuser nobypassrls noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'warroom_auth') then
    create role warroom_auth nologin nosuperuser nobypassrls noinherit;
  end if;
  -- The connecting role must be a member to SET ROLE; a superuser already may.
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('grant warroom_app, warroom_auth to %I', current_user);
  end if;
end $$;

grant usage on schema public to warroom_app, warroom_auth;

-- Transaction-local settings written by withActor (src/db/scope.ts). Unset settings read as
-- NULL or an empty array, so every policy below fails closed: no tenant, no rows.
create function app_tenant() returns uuid language sql stable as
$$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;

create function app_user() returns uuid language sql stable as
$$ select nullif(current_setting('app.user_id', true), '')::uuid $$;

create function app_scopes() returns ltree[] language sql stable as
$$ select coalesce(nullif(current_setting('app.scopes', true), '')::ltree[], '{}'::ltree[]) $$;

-- True when the actor holds a grant on the tenant's root unit (a path of one label).
create function app_is_root() returns boolean language sql stable as
$$ select exists (select 1 from unnest(app_scopes()) s where nlevel(s) = 1) $$;

grant execute on function app_tenant(), app_user(), app_scopes(), app_is_root() to warroom_app, warroom_auth;
