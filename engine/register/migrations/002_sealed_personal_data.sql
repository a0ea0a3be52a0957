-- Personal data encrypted at rest (sealing.ts): the case, the decision document and its
-- decisions sealed under a key kept outside the database (register-key.ts), the ID number
-- found by its keyed hash and shown masked; the plain columns emptied (records stored before
-- are sealed when the register is next opened). A store sent again with the same request id
-- (its answer lost) gives the first record back instead of a second one.

ALTER TABLE register_decisions
  ADD COLUMN key_id text,
  ADD COLUMN sealed_case bytea,
  ADD COLUMN sealed_document bytea,
  ADD COLUMN sealed_decisions bytea,
  ADD COLUMN id_hash text,
  ADD COLUMN id_masked text,
  ADD COLUMN request_id text UNIQUE,
  ADD COLUMN request_hash text;

ALTER TABLE register_decisions ALTER COLUMN case_data DROP NOT NULL;
ALTER TABLE register_decisions ALTER COLUMN document DROP NOT NULL;

DROP INDEX register_decisions_id_number;
CREATE INDEX register_decisions_id_hash ON register_decisions (id_hash);
CREATE INDEX register_decisions_key_id ON register_decisions (key_id);
CREATE INDEX register_decisions_service_decided_at ON register_decisions (service, decided_at);
