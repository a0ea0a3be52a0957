-- The decision register: every decision stored with what it was decided from and under, and
-- the counters that number the documents per office and year.

CREATE TABLE register_counters (
  office_id text NOT NULL,
  year integer NOT NULL,
  last integer NOT NULL CHECK (last > 0),
  PRIMARY KEY (office_id, year)
);

CREATE TABLE register_decisions (
  id bigserial PRIMARY KEY,
  office_id text NOT NULL,
  number_year integer NOT NULL,
  number_seq integer NOT NULL CHECK (number_seq > 0),
  document_number text NOT NULL,
  operator text NOT NULL CHECK (operator <> ''),
  decided_at timestamptz NOT NULL,
  as_of date NOT NULL,
  form text,
  service text,
  outcome text,
  person_name text,
  id_number text,
  ruleset text NOT NULL,
  engine_version text NOT NULL,
  readings json NOT NULL,
  case_data json NOT NULL,
  document json NOT NULL,
  UNIQUE (office_id, number_year, number_seq)
);

CREATE INDEX register_decisions_decided_at ON register_decisions (decided_at);
CREATE INDEX register_decisions_id_number ON register_decisions (id_number);
CREATE INDEX register_decisions_outcome ON register_decisions (outcome);
