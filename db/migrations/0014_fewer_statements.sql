-- Fewer and cheaper statements per request (bench/README.md, org-rollup: the booth page under load).

-- A request's session cookie becomes an actor in one statement (docs/decisions.md, "One statement per
-- session check"). Resolving it as warroom_auth took six: begin, set role, the session, set user, the
-- grants, commit. At a booth page's read-and-save with hundreds of users each statement is a round
-- trip to the database, so the same rules now run inside this function: the session must exist, be
-- within its absolute end and its idle limit, belong to a user whose access has not ended and who
-- still holds a grant in the session's tenant. last_seen_at is touched at most once a minute.
-- It answers exactly what warroom_auth could already read about the cookie's own session, nothing more.
create function auth_resolve_session(p_hash text, p_idle_minutes integer) returns json
language plpgsql security definer set search_path = public as $$
declare
  r record;
  g json;
begin
  select s.user_id, s.tenant_id, s.csrf_token, s.last_seen_at, u.email, u.access_ends_at into r
  from sessions s join users u on u.id = s.user_id
  where s.id_hash = p_hash and s.expires_at > now() and s.last_seen_at > now() - make_interval(mins => p_idle_minutes);
  if not found or r.tenant_id is null or (r.access_ends_at is not null and r.access_ends_at <= now()) then
    return null;
  end if;
  select json_agg(json_build_object('id', gr.id, 'role', gr.role_code, 'unitId', gr.unit_id, 'unitPath', un.path::text,
      'permissions', coalesce((select array_agg(rp.permission_code) from role_permissions rp where rp.role_code = gr.role_code), '{}'))
      order by gr.id)
    into g
  from grants gr join units un on un.tenant_id = gr.tenant_id and un.id = gr.unit_id
  where gr.user_id = r.user_id and gr.tenant_id = r.tenant_id;
  if g is null then return null; end if;
  if r.last_seen_at < now() - interval '1 minute' then
    update sessions set last_seen_at = now() where id_hash = p_hash;
  end if;
  return json_build_object('userId', r.user_id, 'tenantId', r.tenant_id, 'csrfToken', r.csrf_token, 'email', r.email, 'grants', g);
end $$;
revoke all on function auth_resolve_session(text, integer) from public;
grant execute on function auth_resolve_session(text, integer) to warroom_auth;

-- A unit page shows the 50 latest ended designations. Without this index the read sorted every past
-- designation of the unit first (a booth whose seats change often has hundreds): the booth page's
-- largest cost under load (bench/README.md, org-rollup). Ended rows only: current ones have theirs.
create index designations_unit_past on designations (tenant_id, unit_id, to_date desc, id desc) where to_date is not null;

-- The first half of refreshStrength (strength.service.ts): make sure the units' own-strength rows exist
-- and lock them, so the recomputation that follows reads base tables as of after any concurrent save of
-- the same unit. As one statement over an array its plan was made afresh on every call (PostgreSQL kept
-- preferring a custom plan for `= any($1)`), ~0.5 ms each; per unit, in PL/pgSQL, the plans are cached.
-- Runs as the caller (row-level security applies); answers the tenant, which the second half needs.
create function org_lock_own_strength(p_ids bigint[]) returns text
language plpgsql as $$
declare
  t uuid := app_tenant();
  i bigint;
begin
  if t is null then return null; end if;
  foreach i in array p_ids loop       -- sorted by the caller: locks are taken in one order
    insert into unit_own_strength (tenant_id, unit_id, unit_path)
    select u.tenant_id, u.id, u.path from units u where u.tenant_id = t and u.id = i
    on conflict (tenant_id, unit_id) do nothing;
    perform 1 from unit_own_strength where tenant_id = t and unit_id = i for update;
  end loop;
  return t::text;
end $$;
grant execute on function org_lock_own_strength(bigint[]) to warroom_app;

-- The longest path all the given paths sit under (a path itself when all are equal), as commonPath in
-- src/modules/organisation/people.queries.ts: where an audit event about those rows belongs. For audit
-- inserts folded into the statement that reads the rows. ltree's lca() differs: it never answers one
-- of the paths itself.
create function org_common_path(p ltree[]) returns ltree
language sql immutable as $$
  select subpath(p[1], 0, k) from generate_series(nlevel(p[1]), 1, -1) k
  where not exists (select 1 from unnest(p) e where not e <@ subpath(p[1], 0, k))
  order by k desc limit 1
$$;
