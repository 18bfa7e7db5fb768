-- The call queue's two hot calls as one statement each, with no transaction around them
-- (callcentre-load, bench/README.md). A claim used to be a session look-up and then a transaction of
-- three round trips (BEGIN with the settings, the claim with its audit event, COMMIT), and so was an
-- outcome. On the benchmark's machine each round trip costs the server several times the database's
-- CPU, and a connection held idle in a transaction between them is one the other agents wait for.
--
-- These wrappers take the actor from the server (tenant, user, and what the audit event records),
-- set the settings outreach_claim and outreach_record read, and write the audit event in the same
-- statement, so it commits or rolls back with the claim or the call. Security definer, like the
-- functions they wrap: those are the queue's chokepoint (an active agent of the centre, the contact
-- they hold) and scope every row by tenant themselves. Only the owner, that is the server's own
-- connection, may call them: not warroom_app, warroom_auth or anyone else, because they trust the
-- tenant and user they are given. The server checks the actor's grant (outreach.call) before calling.

create function outreach_claim_for(p_tenant uuid, p_user uuid, p_label text, p_ip text, p_user_agent text, p_unmasked boolean,
  p_centre bigint, p_lease_seconds integer) returns table (
  campaign_id bigint, contact_id bigint, lease_until timestamptz, attempts smallint, is_callback boolean, reason text,
  name text, phone text, language text, state_code text, ac_no integer, campaign_name text, script jsonb, max_attempts smallint)
language plpgsql security definer set search_path = public as $$
#variable_conflict use_column
begin
  perform set_config('app.tenant_id', p_tenant::text, true), set_config('app.user_id', p_user::text, true);
  return query
    with c as materialized (select * from outreach_claim(p_centre, p_lease_seconds)),
    a as (
      insert into audit_events (tenant_id, actor_user_id, actor_label, type, entity, row_ids, unit_path, detail, ip, user_agent)
      select p_tenant, p_user, p_label, 'contact.claim', 'contacts', array[c.contact_id::text], null,
        jsonb_build_object('campaignId', c.campaign_id, 'unmasked', p_unmasked), p_ip, p_user_agent
      from c where c.contact_id is not null)
    select c.campaign_id, c.contact_id, c.lease_until, c.attempts, c.is_callback, c.reason, c.name, c.phone, c.language, c.state_code, c.ac_no,
      k.name, k.script, k.max_attempts
    from c left join campaigns k on k.tenant_id = p_tenant and k.id = c.campaign_id;
end $$;
revoke all on function outreach_claim_for(uuid, uuid, text, text, text, boolean, bigint, integer) from public;

-- p_bridging: the server has a telephony provider, so the call may have been bridged (bridges.ts):
-- answered or completed, by this agent, for this contact, in the last two hours.
create function outreach_record_for(p_tenant uuid, p_user uuid, p_label text, p_ip text, p_user_agent text,
  p_key uuid, p_campaign bigint, p_contact bigint, p_outcome text, p_callback timestamptz, p_answers jsonb, p_note text, p_bridging boolean)
returns table (call_id bigint, duplicate boolean, state text)
language plpgsql security definer set search_path = public as $$
#variable_conflict use_column
declare
  v_bridged boolean := p_bridging and exists (select 1 from call_bridges b where b.tenant_id = p_tenant and b.campaign_id = p_campaign
    and b.contact_id = p_contact and b.agent_user_id = p_user and b.status in ('answered', 'completed') and b.created_at > now() - interval '2 hours');
begin
  perform set_config('app.tenant_id', p_tenant::text, true), set_config('app.user_id', p_user::text, true);
  return query
    with r as materialized (select * from outreach_record(p_key, p_campaign, p_contact, p_outcome, p_callback, p_answers, p_note, v_bridged)),
    a as (
      insert into audit_events (tenant_id, actor_user_id, actor_label, type, entity, row_ids, unit_path, detail, ip, user_agent)
      select p_tenant, p_user, p_label, 'call.outcome', 'calls', array[r.call_id::text], null,
        jsonb_build_object('campaignId', p_campaign, 'contactId', p_contact, 'outcome', p_outcome), p_ip, p_user_agent
      from r where not r.duplicate)
    select r.call_id, r.duplicate, r.state from r;
end $$;
revoke all on function outreach_record_for(uuid, uuid, text, text, text, uuid, bigint, bigint, text, timestamptz, jsonb, text, boolean) from public;
