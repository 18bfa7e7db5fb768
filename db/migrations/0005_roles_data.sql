-- Roles are sets of permissions, kept as data: an operator can change them with SQL or a later migration.
insert into permissions (code, description) values
  ('tenant.view', 'See the tenant home page and summaries'),
  ('geography.read', 'Read reference geography and results'),
  ('units.read', 'Read the unit tree'),
  ('units.write', 'Create, rename and move units'),
  ('users.read', 'See users and their grants'),
  ('users.manage', 'Add users and grant or revoke roles'),
  ('audit.read', 'Page, filter and export the audit log'),
  ('personal.unmask', 'See phone numbers and addresses unmasked (audited)'),
  ('elections.read', 'Seat strategy: results, seat classes'),
  ('projection.run', 'Run projections and scenarios'),
  ('org.read', 'Read the organisation: committees, workers'),
  ('org.write', 'Edit the organisation'),
  ('programmes.read', 'Read tasks, tours, events and drives'),
  ('programmes.write', 'Create and report on tasks, tours, events and drives'),
  ('review.read', 'Read scorecards and review decks'),
  ('outreach.manage', 'Run call centres and campaigns'),
  ('outreach.call', 'Take the next contact and record outcomes'),
  ('tokens.manage', 'Create and revoke own API tokens');

insert into roles (code, name, name_hi, rank) values
  ('admin', 'Admin', 'प्रशासक', 1),
  ('strategist', 'Strategist', 'रणनीतिकार', 2),
  ('organiser', 'Organiser', 'संगठनकर्ता', 3),
  ('callcentre_manager', 'Call-centre manager', 'कॉल सेंटर प्रबंधक', 4),
  ('caller', 'Caller', 'कॉलर', 5),
  ('viewer', 'Viewer', 'दर्शक', 6);

insert into role_permissions (role_code, permission_code)
select 'admin', code from permissions;

insert into role_permissions (role_code, permission_code)
select r, p from (values
  ('strategist', 'tenant.view'), ('strategist', 'geography.read'), ('strategist', 'units.read'),
  ('strategist', 'elections.read'), ('strategist', 'projection.run'), ('strategist', 'org.read'),
  ('strategist', 'programmes.read'), ('strategist', 'review.read'), ('strategist', 'tokens.manage'),
  ('organiser', 'tenant.view'), ('organiser', 'geography.read'), ('organiser', 'units.read'),
  ('organiser', 'units.write'), ('organiser', 'users.read'), ('organiser', 'org.read'),
  ('organiser', 'org.write'), ('organiser', 'programmes.read'), ('organiser', 'programmes.write'),
  ('organiser', 'review.read'), ('organiser', 'elections.read'),
  ('callcentre_manager', 'tenant.view'), ('callcentre_manager', 'units.read'),
  ('callcentre_manager', 'outreach.manage'), ('callcentre_manager', 'outreach.call'),
  ('callcentre_manager', 'personal.unmask'), ('callcentre_manager', 'users.read'),
  ('caller', 'tenant.view'), ('caller', 'outreach.call'),
  ('viewer', 'tenant.view'), ('viewer', 'geography.read'), ('viewer', 'units.read'),
  ('viewer', 'elections.read'), ('viewer', 'org.read'), ('viewer', 'programmes.read'),
  ('viewer', 'review.read')
) as t(r, p);

insert into audit_event_types (code, description) values
  ('auth.sign_in', 'A user signed in'),
  ('auth.sign_out', 'A user signed out'),
  ('auth.tenant_switch', 'A session switched tenant'),
  ('user.create', 'A user was added'),
  ('user.update', 'A user changed their name or language'),
  ('grant.create', 'A role was granted on a unit'),
  ('grant.remove', 'A grant was revoked'),
  ('token.create', 'An API token was created'),
  ('token.revoke', 'An API token was revoked'),
  ('unit.create', 'A unit was created'),
  ('unit.update', 'A unit was changed'),
  ('audit.export', 'The audit log was exported'),
  ('users.read', 'User details (e-mail addresses) were read'),
  ('seed.demo', 'Demo data was generated'),
  ('system.restore', 'The database was restored from a backup');
