-- Long system work reports a heartbeat, and only one job of a kind runs at a time: two servers
-- starting together on an empty database must not both generate the demo.
alter table system_jobs add column updated_at timestamptz not null default now();
create unique index system_jobs_one_running on system_jobs (kind) where status = 'running';
