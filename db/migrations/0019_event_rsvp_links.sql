-- Invitees answer for themselves: an organiser sends every invitee who has not answered a link with a
-- token of their own (by SMS, through the outbox); the link opens a page, without signing in, that
-- shows the event and takes yes, no or maybe. The token is 122 random bits (gen_random_uuid), unique
-- across tenants because the page finds the invitation by it alone.
alter table event_invitees add column rsvp_token text check (rsvp_token ~ '^[0-9a-f]{32}$');
-- Who answered: the organiser on the invitee's behalf, or the invitee by the link.
alter table event_invitees add column rsvp_by text check (rsvp_by in ('organiser', 'invitee'));
create unique index event_invitees_rsvp_token on event_invitees (rsvp_token) where rsvp_token is not null;

insert into audit_event_types (code, description) values
  ('event.rsvp_links', 'Invitees who had not answered were sent a link to answer themselves'),
  ('event.badges', 'Badges of an event''s registered delegates were printed');
