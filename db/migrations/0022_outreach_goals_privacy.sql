-- Call centres, second part (docs/outreach.md): a campaign's goal ends a contact's calls once met,
-- calls needing an organiser form a to-do list that someone closes, exporting contacts is a permission
-- of its own, and the events the new routes audit.

alter table calls add column resolved_at timestamptz;
alter table calls add column resolved_by uuid references users (id) on delete set null;
alter table calls add column resolution text check (length(resolution) <= 2000);
create index calls_todo on calls (tenant_id, at) where outcome = 'needs_organiser' and resolved_at is null;

insert into permissions (code, description) values
  ('outreach.export', 'Export call-centre contacts with their numbers (audited)');
insert into role_permissions (role_code, permission_code) values ('admin', 'outreach.export');

-- Whether answers meet a goal ({question, anyOf} for a choice, {question, atLeast} for a scale); the
-- same test as goalMet in src/modules/outreach/script.ts.
create function outreach_goal_met(p_goal jsonb, p_answers jsonb) returns boolean
language sql immutable as $$
  select case
    when p_goal ? 'anyOf' then exists (
      select 1 from jsonb_array_elements(p_goal -> 'anyOf') g
      where p_answers -> (p_goal ->> 'question') = g
         or (jsonb_typeof(p_answers -> (p_goal ->> 'question')) = 'array' and p_answers -> (p_goal ->> 'question') @> jsonb_build_array(g)))
    else jsonb_typeof(p_answers -> (p_goal ->> 'question')) = 'number'
      and (p_answers ->> (p_goal ->> 'question'))::numeric >= (p_goal ->> 'atLeast')::numeric
  end
$$;

-- The outcome (migration 0020), now with the campaign's goal.
create or replace function outreach_record(p_key uuid, p_campaign bigint, p_contact bigint, p_outcome text, p_callback timestamptz,
  p_answers jsonb, p_note text, p_bridged boolean) returns table (call_id bigint, duplicate boolean, state text)
language plpgsql security definer set search_path = public as $$
declare
  t uuid := app_tenant();
  u uuid := app_user();
  q record;
  k record;
  c record;
  v_call bigint;
  v_state text;
  v_next timestamptz;
  v_met boolean;
begin
  select id into v_call from calls where tenant_id = t and idempotency_key = p_key;
  if found then
    return query select v_call, true, (select x.state from campaign_contacts x where x.tenant_id = t and x.campaign_id = p_campaign and x.contact_id = p_contact);
    return;
  end if;
  select * into k from campaigns where tenant_id = t and id = p_campaign;
  if not found or not exists (select 1 from centre_agents a where a.tenant_id = t and a.centre_id = k.centre_id and a.user_id = u and a.active) then
    raise exception 'not an agent of this campaign''s centre' using errcode = '42501';
  end if;
  select * into q from campaign_contacts x where x.tenant_id = t and x.campaign_id = p_campaign and x.contact_id = p_contact for update;
  if not found then raise exception 'contact % is not in campaign %', p_contact, p_campaign using errcode = 'P0002'; end if;
  select phone, state_code, ac_no into c from contacts where tenant_id = t and id = p_contact;
  insert into calls (tenant_id, idempotency_key, campaign_id, contact_id, unit_path, agent_user_id, outcome, callback_at, note, answers,
      state_code, ac_no, bridged)
    values (t, p_key, p_campaign, p_contact, k.unit_path, u, p_outcome, p_callback, p_note, coalesce(p_answers, '{}'), c.state_code, c.ac_no, p_bridged)
    on conflict (tenant_id, idempotency_key) do nothing
    returning id into v_call;
  if v_call is null then  -- the same key raced in from another request: that one is the call
    return query select (select id from calls where tenant_id = t and idempotency_key = p_key), true, q.state;
    return;
  end if;
  if p_outcome = 'do_not_call' and c.phone is not null then
    insert into opt_outs (tenant_id, phone, source, by_user) values (t, c.phone, 'call', u) on conflict do nothing;
    update campaign_contacts x set state = 'suppressed', last_outcome = 'opted_out', held_by = null, lease_until = null, updated_at = now()
      where x.tenant_id = t and x.contact_id = p_contact and x.state <> 'done' and not (x.campaign_id = p_campaign);
  end if;
  if (q.state = 'held' and q.held_by is distinct from u) or q.state in ('done', 'suppressed') then
    return query select v_call, false, q.state;  -- recorded; someone else's outcome (or an earlier one) decides
    return;
  end if;
  -- With a goal, an answer that does not meet it is one more attempt (the contact may be won over on a
  -- later call); one that meets it ends the contact's calls as 'goal_met'.
  v_met := p_outcome = 'answered' and k.goal is not null and outreach_goal_met(k.goal, coalesce(p_answers, '{}'));
  v_state := case
    when v_met then 'done'
    when p_outcome = 'answered' and k.goal is not null then (case when q.attempts + 1 >= k.max_attempts then 'done' else 'waiting' end)
    when p_outcome in ('answered', 'needs_organiser', 'wrong_number', 'do_not_call') then 'done'
    when p_outcome = 'call_back' then 'waiting'
    when q.attempts + 1 >= k.max_attempts then 'done'
    else 'waiting' end;
  v_next := case when p_outcome = 'call_back' then p_callback else now() + make_interval(mins => k.cooldown_minutes) end;
  update campaign_contacts x set state = v_state, attempts = x.attempts + case when p_outcome = 'call_back' then 0 else 1 end,
      next_at = case when v_state = 'waiting' then v_next else x.next_at end, is_callback = (p_outcome = 'call_back'),
      held_by = null, lease_until = null, last_outcome = case when v_met then 'goal_met' else p_outcome end, updated_at = now()
    where x.tenant_id = t and x.campaign_id = p_campaign and x.contact_id = p_contact;
  return query select v_call, false, v_state;
end $$;

insert into audit_event_types (code, description) values
  ('campaign.update', 'A calling campaign''s hours, limits, script or goal were changed'),
  ('contact.unmask', 'A contact''s full phone number was shown'),
  ('contacts.read', 'Contacts with their personal data were listed'),
  ('contacts.export', 'Contacts were exported with their numbers'),
  ('contacts.import', 'Contacts were imported'),
  ('contact.erase', 'A contact''s personal data was erased'),
  ('contact.consent', 'A contact withdrew consent to be called'),
  ('optout.add', 'A phone number was added to the do-not-call list'),
  ('call.resolve', 'A call needing an organiser was dealt with');
