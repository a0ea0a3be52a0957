-- Each document a decision owes — 受理通知书, 补正材料通知书, 不予受理决定书, the refusals
-- (《行政许可法》 arts. 32, 38: each a written document of its own) — numbered in a series of its
-- own per office and year (forms/offices.yaml documentSeries), and entered in the register with
-- the decision it was given for. Numbers are taken in the transaction that stores the decision.

CREATE TABLE register_document_counters (
  office_id text NOT NULL,
  series text NOT NULL,
  year integer NOT NULL,
  last integer NOT NULL CHECK (last > 0),
  PRIMARY KEY (office_id, series, year)
);

CREATE TABLE register_documents (
  id bigserial PRIMARY KEY,
  decision_id bigint NOT NULL REFERENCES register_decisions (id) ON DELETE CASCADE,
  kind text NOT NULL,
  office_id text NOT NULL,
  series text NOT NULL,
  number_year integer NOT NULL,
  number_seq integer NOT NULL CHECK (number_seq > 0),
  document_number text NOT NULL,
  UNIQUE (decision_id, kind),
  UNIQUE (office_id, series, number_year, number_seq)
);

CREATE INDEX register_documents_decision ON register_documents (decision_id);
