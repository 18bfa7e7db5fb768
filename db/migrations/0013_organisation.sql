-- The organisation module: wings, designations and composition norms (tenant configuration, as data),
-- people (one per mobile number per tenant), designations with history, elected representatives,
-- inductees, merges, and the strength roll-up kept per unit.
--
-- Every table carries tenant_id in its primary and foreign keys (Citus). Rows that sit somewhere in
-- the tree copy that unit's path (unit_path) so row-level security needs no join.

-- ---------- configuration ----------
create table wings (
  tenant_id uuid not null references tenants (id) on delete cascade,
  code text not null check (code ~ '^[a-z_]{2,30}$'),
  name text not null,
  name_hi text,
  sort smallint not null default 0,
  primary key (tenant_id, code)
);

-- A slot type of a unit level: "booth president" at booth, "panna pramukh" once per roll page.
-- seats: how many people the slot holds (a committee of 8 members is one type with 8 seats);
-- per_page: one seat per roll page of the booth instead (seats ignored).
-- is_required: counts towards the committee norm and vacancies; is_head: must be filled for a
-- committee to count as formed.
create table designation_types (
  tenant_id uuid not null references tenants (id) on delete cascade,
  level text not null,           -- a unit_levels.level; no foreign key, so defaults can exist before levels
  code text not null check (code ~ '^[a-z_]{2,40}$'),
  name text not null,
  name_hi text,
  seats smallint not null default 1 check (seats between 1 and 500),
  per_page boolean not null default false,
  is_required boolean not null default true,
  is_head boolean not null default false,
  sort smallint not null default 0,
  primary key (tenant_id, level, code)
);

-- Composition norms per unit level: a committee is formed when its head is named and at least
-- min_formed required seats are filled; min_women and min_sc_st are representation norms.
create table committee_norms (
  tenant_id uuid not null references tenants (id) on delete cascade,
  level text not null,
  min_formed smallint not null default 1,
  min_women smallint not null default 0,
  min_sc_st smallint not null default 0,
  primary key (tenant_id, level)
);

-- The defaults every tenant starts with; a tenant changes them as data.
create function org_install_defaults(t uuid) returns void language sql as $$
  insert into wings (tenant_id, code, name, name_hi, sort) values
    (t, 'youth', 'Youth wing', 'युवा मोर्चा', 1), (t, 'women', 'Women''s wing', 'महिला मोर्चा', 2),
    (t, 'farmers', 'Farmers'' wing', 'किसान मोर्चा', 3), (t, 'sc', 'SC wing', 'अनुसूचित जाति मोर्चा', 4),
    (t, 'st', 'ST wing', 'अनुसूचित जनजाति मोर्चा', 5), (t, 'obc', 'OBC wing', 'पिछड़ा वर्ग मोर्चा', 6),
    (t, 'minority', 'Minority wing', 'अल्पसंख्यक मोर्चा', 7)
  on conflict do nothing;
  insert into designation_types (tenant_id, level, code, name, name_hi, seats, per_page, is_required, is_head, sort) values
    (t, 'national', 'president', 'President', 'अध्यक्ष', 1, false, true, true, 1),
    (t, 'national', 'general_secretary', 'General secretary', 'महामंत्री', 3, false, true, false, 2),
    (t, 'national', 'secretary', 'Secretary', 'मंत्री', 6, false, true, false, 3),
    (t, 'national', 'treasurer', 'Treasurer', 'कोषाध्यक्ष', 1, false, true, false, 4),
    (t, 'state', 'president', 'President', 'अध्यक्ष', 1, false, true, true, 1),
    (t, 'state', 'prabhari', 'In-charge (prabhari)', 'प्रभारी', 1, false, true, false, 2),
    (t, 'state', 'sah_prabhari', 'Co-in-charge (sah-prabhari)', 'सह-प्रभारी', 2, false, false, false, 3),
    (t, 'state', 'general_secretary', 'General secretary', 'महामंत्री', 3, false, true, false, 4),
    (t, 'state', 'secretary', 'Secretary', 'मंत्री', 6, false, true, false, 5),
    (t, 'state', 'treasurer', 'Treasurer', 'कोषाध्यक्ष', 1, false, true, false, 6),
    (t, 'district', 'president', 'President', 'अध्यक्ष', 1, false, true, true, 1),
    (t, 'district', 'prabhari', 'In-charge (prabhari)', 'प्रभारी', 1, false, true, false, 2),
    (t, 'district', 'general_secretary', 'General secretary', 'महामंत्री', 2, false, true, false, 3),
    (t, 'district', 'secretary', 'Secretary', 'मंत्री', 4, false, true, false, 4),
    (t, 'ac', 'convenor', 'Convenor', 'संयोजक', 1, false, true, true, 1),
    (t, 'ac', 'prabhari', 'In-charge (prabhari)', 'प्रभारी', 1, false, true, false, 2),
    (t, 'ac', 'co_convenor', 'Co-convenor', 'सह-संयोजक', 2, false, true, false, 3),
    (t, 'mandal', 'president', 'President', 'अध्यक्ष', 1, false, true, true, 1),
    (t, 'mandal', 'general_secretary', 'General secretary', 'महामंत्री', 2, false, true, false, 2),
    (t, 'mandal', 'secretary', 'Secretary', 'मंत्री', 3, false, true, false, 3),
    (t, 'shakti_kendra', 'pramukh', 'Shakti kendra head', 'शक्ति केंद्र प्रमुख', 1, false, true, true, 1),
    (t, 'shakti_kendra', 'sah_pramukh', 'Co-head', 'सह-प्रमुख', 1, false, true, false, 2),
    (t, 'booth', 'booth_president', 'Booth president', 'बूथ अध्यक्ष', 1, false, true, true, 1),
    (t, 'booth', 'vice_president', 'Vice-president', 'उपाध्यक्ष', 1, false, true, false, 2),
    (t, 'booth', 'secretary', 'Secretary', 'मंत्री', 1, false, true, false, 3),
    (t, 'booth', 'bla', 'Booth-level agent (BLA-2)', 'बूथ स्तरीय एजेंट', 1, false, true, false, 4),
    (t, 'booth', 'member', 'Committee member', 'समिति सदस्य', 8, false, true, false, 5),
    (t, 'booth', 'panna_pramukh', 'Roll-page head (panna pramukh)', 'पन्ना प्रमुख', 1, true, false, false, 6)
  on conflict do nothing;
  insert into committee_norms (tenant_id, level, min_formed, min_women, min_sc_st) values
    (t, 'national', 6, 2, 1), (t, 'state', 8, 3, 1), (t, 'district', 5, 2, 1), (t, 'ac', 2, 1, 0),
    (t, 'mandal', 4, 1, 1), (t, 'shakti_kendra', 1, 0, 0), (t, 'booth', 6, 3, 1)
  on conflict do nothing;
$$;

-- A restore (src/modules/system/backup.ts) brings the tenant's own rows for these tables: skip then.
create function org_defaults_trigger() returns trigger language plpgsql as $$
begin
  if coalesce(current_setting('warroom.restoring', true), '') <> 'on' then perform org_install_defaults(new.id); end if;
  return new;
end $$;
create trigger tenants_org_defaults after insert on tenants for each row execute function org_defaults_trigger();
select org_install_defaults(id) from tenants;

-- ---------- people ----------
create table people (
  tenant_id uuid not null references tenants (id) on delete cascade,
  id bigint generated by default as identity,
  phone text not null check (phone ~ '^\+[1-9][0-9]{6,14}$'),   -- E.164, normalised by libphonenumber-js
  other_phones text[] not null default '{}',                       -- numbers of people merged into this one
  name text not null check (length(name) between 1 and 120),       -- Latin script
  name_hi text check (length(name_hi) <= 120),                     -- Devanagari
  gender text check (gender in ('female', 'male', 'other')),
  age_band text check (age_band in ('18-25', '26-35', '36-45', '46-60', '60+')),
  category text check (category in ('GEN', 'OBC', 'SC', 'ST', 'other')),
  epic text check (epic ~ '^[A-Z0-9/]{6,20}$'),
  home_unit_id bigint,
  unit_path ltree not null,      -- the home unit's path (or the unit the person was registered at)
  wings text[] not null default '{}',
  phone_verified_at timestamptz,
  epic_matched_at timestamptz,   -- EPIC found on a roll page
  roll_page integer,
  vouched_by bigint,
  vouched_at timestamptz,
  -- Verified: the phone answered, and either the roll confirms the voter or a superior vouches.
  -- Unverified people are still counted, separately, in every number (faked sign-ups).
  is_verified boolean generated always as (phone_verified_at is not null and (epic_matched_at is not null or vouched_at is not null)) stored,
  merged_into bigint,            -- set when merged into another person; the row stays as history
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  primary key (tenant_id, id),
  foreign key (tenant_id, home_unit_id) references units (tenant_id, id) on delete set null (home_unit_id),
  foreign key (tenant_id, vouched_by) references people (tenant_id, id) on delete set null (vouched_by),
  foreign key (tenant_id, merged_into) references people (tenant_id, id)
);
create unique index people_phone on people (tenant_id, phone) where merged_into is null;
create index people_home on people (tenant_id, home_unit_id);
create index people_epic on people (tenant_id, epic) where epic is not null;
create index people_name_trgm on people using gin (name gin_trgm_ops);
create index people_name_hi_trgm on people using gin (name_hi gin_trgm_ops);
create index people_other_phones on people using gin (other_phones);
-- The self-references need indexes of their own, or deleting a tenant's people scans the table per row.
create index people_vouched_by on people (tenant_id, vouched_by) where vouched_by is not null;
create index people_merged_into on people (tenant_id, merged_into) where merged_into is not null;

-- A person in a slot of a unit, from/to. seat numbers the slot's seats (1..seats), or the roll page
-- for per-page types. At most one person holds a seat at a time; ended rows are the history.
create table designations (
  tenant_id uuid not null references tenants (id) on delete cascade,
  id bigint generated by default as identity,
  unit_id bigint not null,
  unit_path ltree not null,
  level text not null,
  code text not null,
  seat integer not null default 1 check (seat >= 1),
  person_id bigint not null,
  from_date date not null default current_date,
  to_date date,
  end_reason text,
  created_at timestamptz not null default now(),
  created_by uuid,
  primary key (tenant_id, id),
  foreign key (tenant_id, unit_id) references units (tenant_id, id) on delete cascade,
  foreign key (tenant_id, person_id) references people (tenant_id, id),
  foreign key (tenant_id, level, code) references designation_types (tenant_id, level, code),
  check (to_date is null or to_date >= from_date)
);
create unique index designations_seat on designations (tenant_id, unit_id, code, seat) where to_date is null;
create index designations_person on designations (tenant_id, person_id);
create index designations_unit on designations (tenant_id, unit_id);

create table person_merges (
  tenant_id uuid not null references tenants (id) on delete cascade,
  id bigint generated by default as identity,
  kept_id bigint not null,
  merged_id bigint not null,
  unit_path ltree not null,      -- the kept person's
  snapshot jsonb not null,       -- the merged person as it was, so a merge can be read back
  at timestamptz not null default now(),
  by_user uuid,
  primary key (tenant_id, id),
  foreign key (tenant_id, kept_id) references people (tenant_id, id),
  foreign key (tenant_id, merged_id) references people (tenant_id, id)
);

-- ---------- representatives and inductees ----------
create table representatives (
  tenant_id uuid not null references tenants (id) on delete cascade,
  id bigint generated by default as identity,
  person_id bigint not null,
  office text not null check (office in ('mp', 'mla', 'mayor', 'municipal_head', 'district_panchayat_chair', 'councillor')),
  state_code text,
  house text check (house in ('LS', 'AE')),   -- MPs and MLAs: their seat
  constituency_no integer,
  body text,                                  -- others: the corporation, council or panchayat
  unit_id bigint not null,                    -- the unit whose scope the office sits in
  unit_path ltree not null,
  from_date date,
  to_date date,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, person_id) references people (tenant_id, id),
  foreign key (tenant_id, unit_id) references units (tenant_id, id) on delete cascade,
  check ((office in ('mp', 'mla')) = (house is not null and constituency_no is not null and state_code is not null)),
  check (office in ('mp', 'mla') or body is not null)
);
create index representatives_office on representatives (tenant_id, office);
create index representatives_person on representatives (tenant_id, person_id);

create table inductees (
  tenant_id uuid not null references tenants (id) on delete cascade,
  id bigint generated by default as identity,
  person_id bigint not null,
  previous_party text not null,
  previous_posts text,
  proposer_id bigint,
  status text not null default 'proposed' check (status in ('proposed', 'vetted', 'approved', 'designated', 'rejected')),
  unit_id bigint not null,
  unit_path ltree not null,
  assigned_role text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, person_id) references people (tenant_id, id),
  foreign key (tenant_id, proposer_id) references people (tenant_id, id),
  foreign key (tenant_id, unit_id) references units (tenant_id, id) on delete cascade
);
create index inductees_status on inductees (tenant_id, status);

-- Screening steps and follow-up notes, in order.
create table inductee_events (
  tenant_id uuid not null references tenants (id) on delete cascade,
  id bigint generated by default as identity,
  inductee_id bigint not null,
  unit_path ltree not null,
  kind text not null check (kind in ('step', 'note')),
  status text,
  note text check (length(note) <= 2000),
  at timestamptz not null default now(),
  by_user uuid,
  primary key (tenant_id, id),
  foreign key (tenant_id, inductee_id) references inductees (tenant_id, id) on delete cascade
);
create index inductee_events_inductee on inductee_events (tenant_id, inductee_id, at);

-- ---------- strength ----------
-- A unit's own figures (its own committee; for a booth also its workers and roll pages), recomputed
-- from the base tables whenever something in the unit changes.
create table unit_own_strength (
  tenant_id uuid not null references tenants (id) on delete cascade,
  unit_id bigint not null,
  unit_path ltree not null,
  is_booth boolean not null default false,
  booths_formed integer not null default 0,   -- 0 or 1 on a booth
  slots integer not null default 0,           -- required seats of the unit's own committee
  filled integer not null default 0,          -- of those, filled
  members integer not null default 0,         -- people holding any current designation here
  women integer not null default 0,
  sc_st integer not null default 0,
  workers integer not null default 0,         -- people whose home unit this is
  verified integer not null default 0,
  pages integer not null default 0,           -- roll pages (booths)
  pages_covered integer not null default 0,   -- roll pages with a pramukh
  grade char(1) check (grade in ('A', 'B', 'C', 'D')),
  primary key (tenant_id, unit_id),
  foreign key (tenant_id, unit_id) references units (tenant_id, id) on delete cascade
);

-- Subtree sums, split into a few shards per unit so that concurrent saves in different booths do
-- not queue on the one national row: a save adds its delta to shard (booth id % shards) of every
-- ancestor; a read sums the shards.
create table unit_strength (
  tenant_id uuid not null references tenants (id) on delete cascade,
  unit_id bigint not null,
  shard smallint not null,
  unit_path ltree not null,
  booths integer not null default 0,
  booths_formed integer not null default 0,
  slots integer not null default 0,
  filled integer not null default 0,
  members integer not null default 0,
  women integer not null default 0,
  sc_st integer not null default 0,
  workers integer not null default 0,
  verified integer not null default 0,
  pages integer not null default 0,
  pages_covered integer not null default 0,
  grade_a integer not null default 0,
  grade_b integer not null default 0,
  grade_c integer not null default 0,
  grade_d integer not null default 0,
  primary key (tenant_id, unit_id, shard),
  foreign key (tenant_id, unit_id) references units (tenant_id, id) on delete cascade
);

-- ---------- row-level security: fails closed like every tenant table ----------
alter table wings enable row level security;
alter table designation_types enable row level security;
alter table committee_norms enable row level security;
alter table people enable row level security;
alter table designations enable row level security;
alter table person_merges enable row level security;
alter table representatives enable row level security;
alter table inductees enable row level security;
alter table inductee_events enable row level security;
alter table unit_own_strength enable row level security;
alter table unit_strength enable row level security;

grant select, insert, update, delete on wings, designation_types, committee_norms to warroom_app;
grant select, insert, update on people, designations, representatives, inductees to warroom_app;
grant delete on representatives to warroom_app;
grant select, insert on person_merges, inductee_events to warroom_app;
grant select, insert, update, delete on unit_own_strength to warroom_app;
grant select on unit_strength to warroom_app;

create policy app_wings on wings for all to warroom_app
  using (tenant_id = (select app_tenant())) with check (tenant_id = (select app_tenant()));
create policy app_designation_types on designation_types for all to warroom_app
  using (tenant_id = (select app_tenant())) with check (tenant_id = (select app_tenant()));
create policy app_committee_norms on committee_norms for all to warroom_app
  using (tenant_id = (select app_tenant())) with check (tenant_id = (select app_tenant()));

-- A person is visible in the subtree of their home unit, and wherever they hold a designation
-- (a state president living in a booth of another district is still on the state's committee).
create policy app_people on people for all to warroom_app
  using (tenant_id = (select app_tenant()) and (unit_path <@ (select app_scopes())
    or exists (select 1 from designations d where d.tenant_id = people.tenant_id and d.person_id = people.id
      and d.to_date is null and d.unit_path <@ (select app_scopes()))))
  with check (tenant_id = (select app_tenant()) and (unit_path <@ (select app_scopes())
    or exists (select 1 from designations d where d.tenant_id = people.tenant_id and d.person_id = people.id
      and d.to_date is null and d.unit_path <@ (select app_scopes()))));

create policy app_designations on designations for all to warroom_app
  using (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes()))
  with check (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes()));
create policy app_person_merges on person_merges for all to warroom_app
  using (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes()))
  with check (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes()));
create policy app_representatives on representatives for all to warroom_app
  using (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes()))
  with check (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes()));
create policy app_inductees on inductees for all to warroom_app
  using (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes()))
  with check (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes()));
create policy app_inductee_events on inductee_events for all to warroom_app
  using (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes()))
  with check (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes()));
-- Strength rows are written by saves inside the actor's subtree but also for its ancestors (the
-- national sums move when a booth fills a seat), so writes check the tenant only; reads the scope.
create policy app_own_strength_read on unit_own_strength for select to warroom_app
  using (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes()));
create policy app_own_strength_write on unit_own_strength for insert to warroom_app
  with check (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes()));
create policy app_own_strength_update on unit_own_strength for update to warroom_app
  using (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes()))
  with check (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes()));
create policy app_strength_read on unit_strength for select to warroom_app
  using (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes()));

-- Ancestor sums: a booth president's save must move the national figure without seeing it. A
-- security-definer function applies a delta to the ancestors of a unit the caller can see, and only
-- those: the caller cannot write an arbitrary figure to a unit outside their scope.
create function org_apply_strength_delta(p_unit bigint, p_shard smallint, d integer[]) returns void
language plpgsql security definer set search_path = public as $$
declare
  t uuid := app_tenant();
  u_path ltree;
begin
  select path into u_path from units where tenant_id = t and id = p_unit and path <@ app_scopes();
  if u_path is null then raise exception 'unit % is not in scope', p_unit using errcode = '42501'; end if;
  insert into unit_strength as s (tenant_id, unit_id, shard, unit_path, booths, booths_formed, slots, filled, members,
    women, sc_st, workers, verified, pages, pages_covered, grade_a, grade_b, grade_c, grade_d)
  select t, a.id, p_shard, a.path, d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]
  from units a where a.tenant_id = t and a.path @> u_path
  order by nlevel(a.path)        -- always root first: concurrent saves lock ancestors in one order
  on conflict (tenant_id, unit_id, shard) do update set
    booths = s.booths + excluded.booths, booths_formed = s.booths_formed + excluded.booths_formed,
    slots = s.slots + excluded.slots, filled = s.filled + excluded.filled, members = s.members + excluded.members,
    women = s.women + excluded.women, sc_st = s.sc_st + excluded.sc_st, workers = s.workers + excluded.workers,
    verified = s.verified + excluded.verified, pages = s.pages + excluded.pages, pages_covered = s.pages_covered + excluded.pages_covered,
    grade_a = s.grade_a + excluded.grade_a, grade_b = s.grade_b + excluded.grade_b,
    grade_c = s.grade_c + excluded.grade_c, grade_d = s.grade_d + excluded.grade_d;
end $$;
revoke all on function org_apply_strength_delta(bigint, smallint, integer[]) from public;
grant execute on function org_apply_strength_delta(bigint, smallint, integer[]) to warroom_app;

-- A booth's organisation grade (docs/organisation.md), in SQL so a rebuild of a million booths grades
-- them set-based; strength.ts boothGrade is the same rule for the web and the tests, which check both agree.
-- Unknown roll pages (0) do not hold a booth back from A; no workers does.
create function org_booth_grade(formed boolean, head boolean, slots integer, filled integer, pages integer,
  pages_covered integer, workers integer, verified integer, women integer, min_women integer) returns char(1)
language sql immutable as $$
  select case
    when formed and filled * 10 >= slots * 9 and (pages = 0 or pages_covered * 2 >= pages)
      and workers > 0 and verified * 10 >= workers * 6 and women >= min_women then 'A'
    when formed and filled * 10 >= slots * 6 then 'B'
    when head or filled >= 3 then 'C'
    else 'D' end
$$;
grant execute on function org_booth_grade(boolean, boolean, integer, integer, integer, integer, integer, integer, integer, integer) to warroom_app;

-- Rebuilds every subtree sum of a tenant from unit_own_strength in one pass: each unit's own row is
-- added to every unit on its path. Callable by the system (no role set) or by an actor whose grants
-- cover the tenant's root, since only they may see every own row it sums.
create function org_rebuild_strength_sums(t uuid) returns void
language plpgsql security definer set search_path = public as $$
begin
  if coalesce(current_setting('role', true), 'none') <> 'none' and (t is distinct from app_tenant() or not app_is_root()) then
    raise exception 'rebuilding strength needs the whole tree of tenant %', t using errcode = '42501';
  end if;
  delete from unit_strength where tenant_id = t;
  insert into unit_strength (tenant_id, unit_id, shard, unit_path, booths, booths_formed, slots, filled, members,
    women, sc_st, workers, verified, pages, pages_covered, grade_a, grade_b, grade_c, grade_d)
  select t, s.anc, s.shard, a.path, s.booths, s.booths_formed, s.slots, s.filled, s.members, s.women, s.sc_st,
    s.workers, s.verified, s.pages, s.pages_covered, s.grade_a, s.grade_b, s.grade_c, s.grade_d
  from (
    select e.anc, e.shard, sum(e.is_booth::int)::int as booths, sum(e.booths_formed)::int as booths_formed,
      sum(e.slots)::int as slots, sum(e.filled)::int as filled, sum(e.members)::int as members, sum(e.women)::int as women,
      sum(e.sc_st)::int as sc_st, sum(e.workers)::int as workers, sum(e.verified)::int as verified, sum(e.pages)::int as pages,
      sum(e.pages_covered)::int as pages_covered, count(*) filter (where e.grade = 'A')::int as grade_a,
      count(*) filter (where e.grade = 'B')::int as grade_b, count(*) filter (where e.grade = 'C')::int as grade_c,
      count(*) filter (where e.grade = 'D')::int as grade_d
    from (select unnest(string_to_array(o.unit_path::text, '.'))::bigint as anc, (o.unit_id % 8)::smallint as shard, o.*
          from unit_own_strength o where o.tenant_id = t) e
    group by e.anc, e.shard
  ) s
  join units a on a.tenant_id = t and a.id = s.anc;
end $$;
revoke all on function org_rebuild_strength_sums(uuid) from public;
grant execute on function org_rebuild_strength_sums(uuid) to warroom_app;

-- A unit move rewrites the copied paths of its subtree. The app role may not update these three
-- tables (sums are written only through the functions above; merges and inductee steps are
-- append-only), so this rewrites only unit_path, and only between two paths inside the caller's scope.
create function org_move_paths(p_old ltree, p_new ltree) returns void
language plpgsql security definer set search_path = public as $$
declare
  t uuid := app_tenant();
begin
  if t is null or not (p_old <@ app_scopes()) or not (p_new <@ app_scopes()) then
    raise exception 'moving % to % is not in scope', p_old, p_new using errcode = '42501';
  end if;
  update unit_strength set unit_path = case when nlevel(unit_path) > nlevel(p_old) then p_new || subpath(unit_path, nlevel(p_old)) else p_new end
    where tenant_id = t and unit_path <@ p_old;
  update person_merges set unit_path = case when nlevel(unit_path) > nlevel(p_old) then p_new || subpath(unit_path, nlevel(p_old)) else p_new end
    where tenant_id = t and unit_path <@ p_old;
  update inductee_events set unit_path = case when nlevel(unit_path) > nlevel(p_old) then p_new || subpath(unit_path, nlevel(p_old)) else p_new end
    where tenant_id = t and unit_path <@ p_old;
end $$;
revoke all on function org_move_paths(ltree, ltree) from public;
grant execute on function org_move_paths(ltree, ltree) to warroom_app;

-- ---------- permissions and audit ----------
insert into permissions (code, description) values
  ('org.configure', 'Change the organisation''s levels, wings, designations and composition norms'),
  ('org.import', 'Import and export units, people and designations in bulk');
insert into role_permissions (role_code, permission_code) values
  ('admin', 'org.configure'), ('admin', 'org.import'), ('organiser', 'org.import');

insert into audit_event_types (code, description) values
  ('org.configure', 'Levels, wings, designation types or norms were changed'),
  ('person.create', 'A person was added'),
  ('person.update', 'A person was changed'),
  ('person.verify', 'A person''s verification changed'),
  ('person.read', 'People''s personal details were read'),
  ('person.unmask', 'A phone number was shown unmasked'),
  ('person.merge', 'Duplicate people were merged'),
  ('designation.assign', 'A person was put in a slot'),
  ('designation.end', 'A person left a slot'),
  ('representative.create', 'An elected office was recorded'),
  ('representative.update', 'An elected office was changed'),
  ('representative.remove', 'An elected office was removed'),
  ('inductee.create', 'An inductee was proposed'),
  ('inductee.step', 'An inductee moved a screening step'),
  ('inductee.note', 'A follow-up note was added on an inductee'),
  ('unit.move', 'A unit was moved'),
  ('org.import', 'Units, people or designations were imported'),
  ('org.export', 'Units, people or designations were exported');

-- bulk import keys
-- A unit's own key in bulk files ('GJ-AC-12', a booth 'S06-12-101'): a re-import finds the unit it made.
alter table units add column ext_key text check (ext_key ~ '^[A-Za-z0-9][A-Za-z0-9._:/-]{0,79}$');
create unique index units_ext_key on units (tenant_id, ext_key);
-- An import hands out unit ids before inserting, so new units of one file can be each other's parents.
grant usage on sequence units_id_seq to warroom_app;
-- Each uploaded organisation file: its outcome and problems (progress lives in system_jobs meanwhile).
create table org_imports (
  tenant_id uuid not null references tenants (id) on delete cascade,
  id bigint generated by default as identity,
  kind text not null check (kind in ('units', 'people', 'designations')),
  file_name text not null,
  unit_path ltree not null,      -- the uploader's import scope
  user_id uuid,
  imported_by text not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  rows integer not null default 0,
  summary jsonb,
  problems jsonb not null default '[]',
  message text,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (tenant_id, id)
);
alter table org_imports enable row level security;
grant select, insert on org_imports to warroom_app;
create policy app_org_imports on org_imports for all to warroom_app
  using (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes()))
  with check (tenant_id = (select app_tenant()) and unit_path <@ (select app_scopes()) and status = 'queued');

-- ---------- people search ----------
-- Under row-level security PostgreSQL checks the policy on a row before any condition that is not
-- leakproof, and ilike and the trigram operators are not: a name search became a scan of every
-- person the tenant has. This function applies the same visibility rule itself — the tenant, the
-- caller's scopes (app_scopes(), not only the paths passed in), at home or through a current post —
-- so the planner can use the trigram and phone indexes. It returns ids; the caller then reads the
-- rows through row-level security as usual.
create function org_search_people(p_paths ltree[], p_text text, p_phone text, p_digits text, p_verified boolean,
  p_after_name text, p_after_id bigint, p_limit integer) returns table (id bigint, name text, unit_path text)
language plpgsql stable security definer set search_path = public as $$
declare
  q text := 'select p.id, p.name, p.unit_path::text from people p where p.tenant_id = $1 and p.merged_into is null
    and ((p.unit_path <@ $2 and p.unit_path <@ $3) or exists (select 1 from designations d where d.tenant_id = p.tenant_id
      and d.person_id = p.id and d.to_date is null and d.unit_path <@ $2 and d.unit_path <@ $3))';
begin
  if app_tenant() is null then return; end if;
  if p_phone is not null then
    q := q || ' and (p.phone = $5 or p.other_phones @> array[$5])';
  elsif p_digits is not null then
    q := q || ' and p.phone like ''%'' || $6';
  elsif p_text is not null then
    q := q || ' and (p.name ilike $4 or p.name_hi ilike $4 or $9 <% p.name or $9 <% p.name_hi)';
  end if;
  if p_verified is not null then q := q || ' and p.is_verified = $7'; end if;
  if p_after_name is not null then q := q || ' and (p.name, p.id) > ($8, $10)'; end if;
  q := q || ' order by p.name, p.id limit $11';
  return query execute q using app_tenant(), p_paths, app_scopes(),
    '%' || replace(replace(replace(coalesce(p_text, ''), '\', '\\'), '%', '\%'), '_', '\_') || '%',
    p_phone, p_digits, p_verified, p_after_name, p_text, p_after_id, p_limit;
end $$;
revoke all on function org_search_people(ltree[], text, text, text, boolean, text, bigint, integer) from public;
grant execute on function org_search_people(ltree[], text, text, text, boolean, text, bigint, integer) to warroom_app;
