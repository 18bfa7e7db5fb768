-- The elections module: what imports of real results need beyond the demo's tables.

-- Party codes differ between sources (CPM = CPI(M), AAAP = AAP): an alias folds a source's code into
-- ours before anything is compared. Editable data; these are the aliases the public files need.
create table party_aliases (
  alias text primary key,
  party_code text not null,
  note text
);
insert into party_aliases (alias, party_code, note) values
  ('CPI(M)', 'CPM', 'ECI reports'), ('AAAP', 'AAP', 'TCPD'), ('BHRS', 'BRS', 'renamed 2022'), ('TRS', 'BRS', 'renamed 2022'),
  ('BHRTADVSIP', 'BAP', 'ECI reports'), ('JNJP', 'JJP', 'ECI reports'), ('NINSHAD', 'NISHAD', 'ECI reports'),
  ('NPEP', 'NPP', 'ECI reports'), ('SHSUBT', 'SHS(UBT)', 'ECI reports'), ('NCPSP', 'NCP(SP)', 'ECI reports');

-- A split party's votes shared between its successors, with weights summing to 1 per (party, year).
create table party_successions (
  from_party text not null,
  to_party text not null,
  weight numeric not null check (weight > 0 and weight <= 1),
  effective_year smallint not null,
  note text,
  primary key (from_party, to_party, effective_year)
);

-- Where a row came from: the source's own party code, the candidate's sex, a row number for messages.
alter table results add column party_raw text;
alter table results add column sex text check (sex in ('M', 'F', 'O'));
alter table constituency_turnout add column turnout_pct numeric check (turnout_pct between 0 and 100);

-- Booth (Form 20) results are per candidate, not per party: one booth can have several independents,
-- and public scrapes leave some parties blank. seq orders a booth's candidates.
alter table booth_results add column seq smallint;
alter table booth_results add column candidate text;
update booth_results b set seq = r.seq from (
  select ctid, row_number() over (partition by election_id, state_code, ac_no, part_no order by party_code) as seq from booth_results) r
  where r.ctid = b.ctid;
alter table booth_results alter column seq set not null;
alter table booth_results drop constraint booth_results_pkey;
alter table booth_results alter column party_code drop not null;
alter table booth_results add primary key (election_id, state_code, ac_no, part_no, seq);

-- Constituency polygons (GeoJSON geometry in WGS84) for the seat map.
create table boundaries (
  state_code text not null,
  house text not null check (house in ('LS', 'AE')),
  era smallint not null default 2008,
  no integer not null,
  geometry jsonb not null,
  source text,
  primary key (state_code, house, era, no),
  foreign key (state_code, house, era, no) references constituencies (state_code, house, era, no) on delete cascade
);

-- A record of every import, for its summary and for the upload page's history.
create table imports (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('results', 'booths', 'boundaries')),
  file_name text not null,
  format text not null,
  election_ids text[] not null default '{}',
  rows integer not null default 0,
  warnings jsonb not null default '[]',
  imported_by text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz
);

grant select on party_aliases, party_successions, boundaries, imports to warroom_app;
