-- A task's metric may be "calls made": calls recorded (any outcome) to contacts living in each unit's
-- subtree, on the task's days (starts_on to due_on, India's dates). Kept like the other sums on
-- task_targets.reported: counted once when the task is created (prog_count_calls), then one more for
-- every call, by a trigger on calls — so the outcome's one chokepoint stays the only writer of calls and
-- the scorecard never groups the calls (millions in a campaign season).

alter table tasks drop constraint tasks_metric_check;
alter table tasks add constraint tasks_metric_check
  check (metric in ('completion', 'reported', 'booths_formed', 'workers_verified', 'trainees_completed', 'calls_made'));
create index tasks_calls_made on tasks (tenant_id, starts_on, due_on) where metric = 'calls_made';

-- Security definer: the call's agent cannot write the national row (or read the contact's home).
create function prog_call_made() returns trigger
language plpgsql security definer set search_path = public as $$
declare
  p ltree;
  d date := (new.at at time zone 'Asia/Kolkata')::date;
begin
  if not exists (select 1 from tasks k where k.tenant_id = new.tenant_id and k.metric = 'calls_made' and d between k.starts_on and k.due_on) then
    return null;
  end if;
  select unit_path into p from contacts where tenant_id = new.tenant_id and id = new.contact_id;
  if p is null then return null; end if;
  update task_targets tt set reported = tt.reported + 1
  from tasks k
  where k.tenant_id = new.tenant_id and k.metric = 'calls_made' and d between k.starts_on and k.due_on
    and tt.tenant_id = new.tenant_id and tt.task_id = k.id and tt.unit_id = any(string_to_array(p::text, '.')::bigint[]);
  return null;
end $$;
create trigger calls_made after insert on calls for each row execute function prog_call_made();

-- A new calls task counts the calls already made on its days: each call adds one to every row of the
-- task on its contact's path.
create function prog_count_calls(p_task bigint) returns void
language plpgsql security definer set search_path = public as $$
declare
  t uuid := app_tenant();
  k record;
begin
  select starts_on, due_on into k from tasks where tenant_id = t and id = p_task and unit_path <@ app_scopes();
  if not found then raise exception 'task % is not in scope', p_task using errcode = '42501'; end if;
  update task_targets tt set reported = c.n
  from (select unnest(string_to_array(ct.unit_path::text, '.')::bigint[]) as unit_id, count(*)::int as n
        from calls x join contacts ct on ct.tenant_id = x.tenant_id and ct.id = x.contact_id
        where x.tenant_id = t and (x.at at time zone 'Asia/Kolkata')::date between k.starts_on and k.due_on
        group by 1) c
  where tt.tenant_id = t and tt.task_id = p_task and tt.unit_id = c.unit_id;
end $$;
revoke all on function prog_count_calls(bigint) from public;
grant execute on function prog_count_calls(bigint) to warroom_app;
