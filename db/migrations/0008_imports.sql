-- Imports of real results: names for the parties public files carry, full-name aliases for the files
-- that spell parties out (the Gujarat Form 20 scrape writes "Bharatiya Janata Party"), and the
-- lookups an import makes per row.

-- Aliases are matched without regard to case by the importer, so one spelling per name is enough.
insert into party_aliases (alias, party_code, note) values
  ('Bharatiya Janata Party', 'BJP', 'full name'), ('Indian National Congress', 'INC', 'full name'),
  ('Aam Aadmi Party', 'AAP', 'full name'), ('Bahujan Samaj Party', 'BSP', 'full name'),
  ('Samajwadi Party', 'SP', 'full name'), ('Communist Party of India', 'CPI', 'full name'),
  ('Communist Party of India (Marxist)', 'CPM', 'full name'), ('Nationalist Congress Party', 'NCP', 'full name'),
  ('Janata Dal (United)', 'JD(U)', 'full name'), ('Janata Dal (Secular)', 'JD(S)', 'full name'),
  ('All India Trinamool Congress', 'AITC', 'full name'), ('Rashtriya Lok Dal', 'RLD', 'full name'),
  ('Rashtriya Janata Dal', 'RJD', 'full name'), ('Shiv Sena', 'SHS', 'full name'),
  ('Biju Janata Dal', 'BJD', 'full name'), ('Telugu Desam', 'TDP', 'full name'),
  ('Dravida Munnetra Kazhagam', 'DMK', 'full name'), ('All India Anna Dravida Munnetra Kazhagam', 'ADMK', 'full name'),
  ('Apna Dal (Soneylal)', 'ADAL', 'full name'), ('Independent', 'IND', 'full name'),
  ('None of the Above', 'NOTA', 'full name')
on conflict (alias) do nothing;

-- Names for the codes that win seats in the public files; an import adds any other code with its code as name.
insert into parties (code, name) values
  ('BJP', 'Bharatiya Janata Party'), ('INC', 'Indian National Congress'), ('AAP', 'Aam Aadmi Party'),
  ('BSP', 'Bahujan Samaj Party'), ('SP', 'Samajwadi Party'), ('CPI', 'Communist Party of India'),
  ('CPM', 'Communist Party of India (Marxist)'), ('NCP', 'Nationalist Congress Party'), ('JD(U)', 'Janata Dal (United)'),
  ('JD(S)', 'Janata Dal (Secular)'), ('AITC', 'All India Trinamool Congress'), ('RLD', 'Rashtriya Lok Dal'),
  ('RJD', 'Rashtriya Janata Dal'), ('SHS', 'Shiv Sena'), ('BJD', 'Biju Janata Dal'), ('TDP', 'Telugu Desam'),
  ('DMK', 'Dravida Munnetra Kazhagam'), ('ADMK', 'All India Anna Dravida Munnetra Kazhagam'),
  ('YSRCP', 'Yuvajana Sramika Rythu Congress Party'), ('BRS', 'Bharat Rashtra Samithi'), ('LJP', 'Lok Janshakti Party'),
  ('ADAL', 'Apna Dal (Soneylal)'), ('AIMIM', 'All India Majlis-e-Ittehadul Muslimeen'), ('IND', 'Independent'),
  ('NOTA', 'None of the Above'), ('OTHERS', 'Other candidates (aggregated)')
on conflict (code) do nothing;

-- The importer folds codes case-insensitively; an index on the folded text keeps that lookup honest.
create unique index party_aliases_upper on party_aliases (upper(alias));

-- The upload page lists imports newest first.
create index imports_started on imports (started_at desc);
