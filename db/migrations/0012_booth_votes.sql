-- Booth (Form 20) results as one row per booth, not one per booth and candidate: a Form 20 file the
-- size of Uttar Pradesh is 163,000 booths × 15 candidates, and 2.4 million rows each with its own
-- primary-key entry and foreign-key check cost 20× a plain COPY of the file (bench/README.md,
-- docs/decisions.md). A booth's votes are an int[] indexed by the candidate's seq in its AC; the AC's
-- candidates are listed once in booth_candidates. The old shape stays readable as the view booth_results.

create table booth_candidates (
  election_id text not null references elections (id) on delete cascade,
  state_code text not null,
  ac_no integer not null,
  seq smallint not null check (seq > 0),
  candidate text,
  party_code text,
  primary key (election_id, state_code, ac_no, seq)
);

-- votes[seq] is candidate seq's votes at this booth; null (or past the end) when the booth has no figure
-- for that candidate (a gap in a public scrape).
create table booth_votes (
  election_id text not null,
  state_code text not null,
  ac_no integer not null,
  part_no integer not null,
  votes integer[] not null check (array_ndims(votes) = 1 and array_lower(votes, 1) = 1 and 0 <= all (votes)),
  primary key (election_id, state_code, ac_no, part_no)
);

-- Foreign keys checked once per statement rather than once per row (a row-level check on 163,000 rows
-- costs seconds; a set-based anti-join costs milliseconds). A booth's votes need its AC's candidate
-- list, which carries the foreign key to elections; deleting an election deletes its booths' votes.
create function booth_votes_check() returns trigger language plpgsql as $$
begin
  -- The few distinct ACs first: an anti-join of every new row could be planned as a nested loop over a
  -- table whose statistics say it is empty.
  if exists (select 1 from (select distinct election_id, state_code, ac_no from new_rows) n
      where not exists (select 1 from booth_candidates c where c.election_id = n.election_id and c.state_code = n.state_code and c.ac_no = n.ac_no)) then
    raise exception 'booth_votes: a booth''s AC has no booth_candidates rows (election, state and AC must exist)'
      using errcode = 'foreign_key_violation';
  end if;
  return null;
end $$;
create trigger booth_votes_insert after insert on booth_votes referencing new table as new_rows
  for each statement execute function booth_votes_check();
create trigger booth_votes_update after update on booth_votes referencing new table as new_rows
  for each statement execute function booth_votes_check();

create function booth_votes_cascade() returns trigger language plpgsql as $$
begin
  delete from booth_votes v using old_rows o where v.election_id = o.id;
  return null;
end $$;
create trigger elections_booth_votes after delete on elections referencing old table as old_rows
  for each statement execute function booth_votes_cascade();

-- The rows written so far, in the new shape. Every booth of an AC shares its candidates' seqs.
insert into booth_candidates (election_id, state_code, ac_no, seq, candidate, party_code)
  select distinct on (election_id, state_code, ac_no, seq) election_id, state_code, ac_no, seq, candidate, party_code
  from booth_results order by election_id, state_code, ac_no, seq;
insert into booth_votes (election_id, state_code, ac_no, part_no, votes)
  select election_id, state_code, ac_no, part_no, array(select (v ->> g::text)::int from generate_series(1, top) g)
  from (select election_id, state_code, ac_no, part_no, jsonb_object_agg(seq, votes) as v, max(seq) as top
    from booth_results group by 1, 2, 3, 4) b;
drop table booth_results;

-- Readers that want a row per booth and candidate (booth grades, the demo's constituency sums) keep it.
create view booth_results as
  select v.election_id, v.state_code, v.ac_no, v.part_no, c.seq, c.candidate, c.party_code, v.votes[c.seq] as votes
  from booth_votes v
  join booth_candidates c on c.election_id = v.election_id and c.state_code = v.state_code and c.ac_no = v.ac_no
  where v.votes[c.seq] is not null;

-- Polling stations: the same set-based check in place of the row-level foreign key to their AC, and
-- the same cascade when an AC goes.
alter table polling_stations drop constraint polling_stations_state_code_house_era_ac_no_fkey;
create function polling_stations_check() returns trigger language plpgsql as $$
begin
  if exists (select 1 from (select distinct state_code, house, era, ac_no from new_rows) n
      where not exists (select 1 from constituencies c where c.state_code = n.state_code and c.house = n.house and c.era = n.era and c.no = n.ac_no)) then
    raise exception 'polling_stations: the AC of a polling station does not exist' using errcode = 'foreign_key_violation';
  end if;
  return null;
end $$;
create trigger polling_stations_insert after insert on polling_stations referencing new table as new_rows
  for each statement execute function polling_stations_check();
create trigger polling_stations_update after update on polling_stations referencing new table as new_rows
  for each statement execute function polling_stations_check();

create function polling_stations_cascade() returns trigger language plpgsql as $$
begin
  delete from polling_stations p using old_rows o
    where p.state_code = o.state_code and p.house = o.house and p.era = o.era and p.ac_no = o.no;
  return null;
end $$;
create trigger constituencies_polling_stations after delete on constituencies referencing old table as old_rows
  for each statement execute function polling_stations_cascade();

-- A renumbered AC must not strand its polling stations (what the foreign key's NO ACTION did).
create function polling_stations_keep() returns trigger language plpgsql as $$
begin
  if exists (select 1 from old_rows o
      where not exists (select 1 from constituencies c where c.state_code = o.state_code and c.house = o.house and c.era = o.era and c.no = o.no)
        and exists (select 1 from polling_stations p where p.state_code = o.state_code and p.house = o.house and p.era = o.era and p.ac_no = o.no)) then
    raise exception 'constituencies: an AC with polling stations cannot change its key' using errcode = 'foreign_key_violation';
  end if;
  return null;
end $$;
create trigger constituencies_keep_polling_stations after update on constituencies referencing old table as old_rows
  for each statement execute function polling_stations_keep();

grant select on booth_candidates, booth_votes, booth_results to warroom_app;
