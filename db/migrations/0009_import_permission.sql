-- Importing results writes reference data that every tenant shares, so it is its own permission.
-- Admins hold it by default; a consultancy hosting rival clients should take it from their roles and
-- import from the command line (`warroom import …`) as the operator instead.
insert into permissions (code, description) values ('elections.import', 'Import election results, booth results and boundaries (shared by all tenants)');
insert into role_permissions (role_code, permission_code) values ('admin', 'elections.import');
insert into audit_event_types (code, description) values ('elections.import', 'Election results, booth results or boundaries were imported');
