-- Reference data shared by every tenant (Citus: reference tables, replicated to every node).
-- Natural keys are the Election Commission's codes so public files join without lookups.
create table states (
  code text primary key check (code ~ '^[A-Z][0-9]{2}$'),
  name text not null,
  name_hi text,
  kind text not null default 'state' check (kind in ('state', 'ut')),
  is_demo boolean not null default false
);

create table constituencies (
  state_code text not null references states (code) on delete cascade,
  house text not null check (house in ('LS', 'AE')),
  era smallint not null default 2008,          -- delimitation order in force (2008 today)
  no integer not null check (no > 0),
  name text not null,
  name_hi text,
  reservation text not null default 'GEN' check (reservation in ('GEN', 'SC', 'ST')),
  pc_no integer,                               -- an AC's parliamentary constituency in this era
  primary key (state_code, house, era, no),
  check ((house = 'AE') or pc_no is null)
);
create index constituencies_pc on constituencies (state_code, era, pc_no) where house = 'AE';

create table polling_stations (
  state_code text not null,
  house text not null default 'AE' check (house = 'AE'),  -- lets the key reference the AC row
  era smallint not null default 2008,
  ac_no integer not null,
  part_no integer not null check (part_no > 0),
  name text,
  name_hi text,
  electors integer check (electors >= 0),
  primary key (state_code, era, ac_no, part_no),
  foreign key (state_code, house, era, ac_no) references constituencies (state_code, house, era, no) on delete cascade
);

create table parties (
  code text primary key,
  name text not null,
  name_hi text,
  colour text,
  is_demo boolean not null default false
);

create table elections (
  id text primary key check (id ~ '^[A-Z0-9-]+$'),   -- LS-2019, AE-GJ-2022
  house text not null check (house in ('LS', 'AE')),
  state_code text references states (code) on delete cascade, -- null for a national Lok Sabha poll
  era smallint not null default 2008,
  year smallint not null,
  poll_date date,
  name text not null,
  is_demo boolean not null default false
);

-- Constituency x candidate results. votes is null for an uncontested seat.
create table results (
  election_id text not null references elections (id) on delete cascade,
  state_code text not null,
  constituency_no integer not null,
  seq smallint not null,
  candidate text not null,
  party_code text,
  votes integer check (votes >= 0),
  position smallint,                            -- null for NOTA and OTHERS rows
  primary key (election_id, state_code, constituency_no, seq)
);
create index results_party on results (election_id, party_code) where position = 1;

create table constituency_turnout (
  election_id text not null references elections (id) on delete cascade,
  state_code text not null,
  constituency_no integer not null,
  electors integer check (electors >= 0),
  valid_votes integer check (valid_votes >= 0),
  primary key (election_id, state_code, constituency_no)
);

-- Polling-station (Form 20) results: one row per booth and party.
create table booth_results (
  election_id text not null references elections (id) on delete cascade,
  state_code text not null,
  ac_no integer not null,
  part_no integer not null,
  party_code text not null,
  votes integer not null check (votes >= 0),
  primary key (election_id, state_code, ac_no, part_no, party_code)
);

create table booth_turnout (
  election_id text not null references elections (id) on delete cascade,
  state_code text not null,
  ac_no integer not null,
  part_no integer not null,
  electors integer check (electors >= 0),
  voters integer check (voters >= 0),
  primary key (election_id, state_code, ac_no, part_no)
);

-- Readable by every signed-in request; written only by system imports (the owner role).
grant select on states, constituencies, polling_stations, parties, elections, results,
  constituency_turnout, booth_results, booth_turnout to warroom_app;
