-- A task's metric may be "trainees completed": people who completed every session of a training
-- (of one course, or of any), counted in each unit's subtree by the person's home unit. Like the
-- reported metric it is a subtree sum on task_targets.reported, kept by every completion (the use
-- case calls prog_add_trained when a person becomes trained or stops being trained) and counted
-- once when the task is created (prog_count_trained). Read-time counting would group every
-- completion of the tenant (millions nationally) on every scorecard.

alter table tasks drop constraint tasks_metric_check;
alter table tasks add constraint tasks_metric_check
  check (metric in ('completion', 'reported', 'booths_formed', 'workers_verified', 'trainees_completed'));
alter table tasks add column course_code text check (course_code ~ '^[a-z0-9_]{2,40}$');
alter table tasks add constraint tasks_course_check check (course_code is null or metric = 'trainees_completed');

-- The given people's training status: a row (person, '*') for anyone who completed every session of
-- some training, and (person, course) per course completed. Security definer: a state organiser
-- marking a state training must know whether the person had already completed a national one.
create function prog_trained_status(p_people bigint[]) returns table (person_id bigint, course text)
language sql stable security definer set search_path = public as $$
  with done as (
    select c.person_id, e.course_code from session_completions c
    join events e on e.tenant_id = c.tenant_id and e.id = c.event_id
    where c.tenant_id = app_tenant() and c.person_id = any(p_people)
    group by c.person_id, c.event_id, e.course_code
    having count(*) = (select count(*) from training_sessions s where s.tenant_id = app_tenant() and s.event_id = c.event_id))
  select distinct person_id, '*' from done
  union
  select distinct person_id, course_code from done where course_code is not null
$$;
revoke all on function prog_trained_status(bigint[]) from public;
grant execute on function prog_trained_status(bigint[]) to warroom_app;

-- A person became trained (+1) or stopped being trained (-1) in a course ('*': in any training): every
-- trainees task of that course (or of any course) counts them in the rows of their home unit's
-- ancestors, by primary key. Security definer: a state's completion moves the national row, which
-- the state cannot write. The person must be invited to a training the caller can see, so it cannot
-- move figures for people outside the caller's reach.
create function prog_add_trained(p_person bigint, p_course text, p_delta integer) returns void
language plpgsql security definer set search_path = public as $$
declare
  t uuid := app_tenant();
  u_path ltree;
begin
  select p.unit_path into u_path from people p where p.tenant_id = t and p.id = p_person;
  if u_path is null or not exists (select 1 from event_invitees i where i.tenant_id = t and i.person_id = p_person and events_visible(i.event_id)) then
    raise exception 'person % is not invited to a training in scope', p_person using errcode = '42501';
  end if;
  update task_targets tt set reported = greatest(tt.reported + p_delta, 0)
  from tasks k
  where k.tenant_id = t and k.metric = 'trainees_completed'
    and (k.course_code = p_course or (k.course_code is null and p_course = '*'))
    and tt.tenant_id = t and tt.task_id = k.id and tt.unit_id = any(string_to_array(u_path::text, '.')::bigint[]);
end $$;
revoke all on function prog_add_trained(bigint, text, integer) from public;
grant execute on function prog_add_trained(bigint, text, integer) to warroom_app;

-- A new trainees task counts the people already trained: each trained person adds one to every
-- row of the task on their home path (the path's labels are unit ids).
create function prog_count_trained(p_task bigint) returns void
language plpgsql security definer set search_path = public as $$
declare
  t uuid := app_tenant();
  v_course text;
begin
  select course_code into v_course from tasks where tenant_id = t and id = p_task and unit_path <@ app_scopes();
  if not found then raise exception 'task % is not in scope', p_task using errcode = '42501'; end if;
  update task_targets tt set reported = c.n
  from (select unnest(string_to_array(p.unit_path::text, '.')::bigint[]) as unit_id, count(*)::int as n
        from events_trained_people(v_course) x join people p on p.tenant_id = t and p.id = x.person_id and p.merged_into is null
        group by 1) c
  where tt.tenant_id = t and tt.task_id = p_task and tt.unit_id = c.unit_id;
end $$;
revoke all on function prog_count_trained(bigint) from public;
grant execute on function prog_count_trained(bigint) to warroom_app;

-- A unit moved to another parent takes its share of every task with it: its row hangs under the new
-- parent, and its target and reported sum leave the old ancestors and join the new ones below the
-- nearest common one, so every level still adds up and the totals above do not change. Called by the
-- unit move after the paths are rewritten (p_new is the unit's path now). Security definer because the
-- rows on the way up may lie outside the mover's grants. A task the new parent has no row in (the unit
-- moved out of the task's reach) keeps the unit where it was counted.
create function prog_move_shares(p_unit bigint, p_old ltree, p_new ltree) returns void
language plpgsql security definer set search_path = public as $$
declare
  t uuid := app_tenant();
  v_parent bigint := ltree2text(subpath(p_new, nlevel(p_new) - 2, 1))::bigint;
  v_old bigint[] := string_to_array(ltree2text(subpath(p_old, 0, nlevel(p_old) - 1)), '.')::bigint[];
  v_new bigint[] := string_to_array(ltree2text(subpath(p_new, 0, nlevel(p_new) - 1)), '.')::bigint[];
  r record;
begin
  if t is null or not exists (select 1 from units where tenant_id = t and id = p_unit and path = p_new and path <@ app_scopes()) then
    raise exception 'unit % is not at % in scope', p_unit, p_new using errcode = '42501';
  end if;
  for r in select tt.task_id, tt.target, tt.reported from task_targets tt
    where tt.tenant_id = t and tt.unit_id = p_unit
      and exists (select 1 from task_targets np where np.tenant_id = t and np.task_id = tt.task_id and np.unit_id = v_parent)
  loop
    update task_targets set target = target - coalesce(r.target, 0), reported = reported - r.reported
      where tenant_id = t and task_id = r.task_id and unit_id = any(v_old) and not unit_id = any(v_new);
    update task_targets set target = target + coalesce(r.target, 0), reported = reported + r.reported
      where tenant_id = t and task_id = r.task_id and unit_id = any(v_new) and not unit_id = any(v_old);
    update task_targets set parent_unit_id = v_parent where tenant_id = t and task_id = r.task_id and unit_id = p_unit;
  end loop;
end $$;
revoke all on function prog_move_shares(bigint, ltree, ltree) from public;
grant execute on function prog_move_shares(bigint, ltree, ltree) to warroom_app;
