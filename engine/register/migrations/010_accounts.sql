-- Accounts, their sessions, and the access log of unmasked personal data (《个人信息保护法》
-- 第五十一条: access controls and records of who handled personal information).
--
-- roles: counter 窗口, policy 政策, legal 法制审核, admin 管理员 (engine/accounts/roles.ts).

CREATE TABLE accounts (
  id bigserial PRIMARY KEY,
  login text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 50),
  -- argon2id in the PHC string format; NULL: no password (an account that signs in another way)
  password_hash text,
  roles text[] NOT NULL DEFAULT '{}' CHECK (roles <@ ARRAY['counter', 'policy', 'legal', 'admin']::text[]),
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz,
  -- sign-in attempts that failed in a row, and until when the next one is refused
  failed_count integer NOT NULL DEFAULT 0,
  locked_until timestamptz
);

-- A session is known by the SHA-256 of its cookie's value: the database never holds a value
-- that would sign anyone in.
CREATE TABLE account_sessions (
  token_hash text PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz
);
CREATE INDEX account_sessions_account ON account_sessions (account_id);

-- Who recorded a decision: the signed-in account (the register's operator column keeps its
-- display name as it was then). No row: recorded in single-user mode (本机单人模式).
CREATE TABLE register_decision_accounts (
  decision_id bigint PRIMARY KEY REFERENCES register_decisions (id),
  account_id bigint NOT NULL REFERENCES accounts (id)
);

-- Every unmasking of a stored decision: who, when, which record, why. Append-only: the
-- triggers below refuse UPDATE, DELETE and TRUNCATE, whoever asks.
CREATE TABLE register_access_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  account_id bigint NOT NULL REFERENCES accounts (id),
  account_name text NOT NULL,
  decision_id bigint NOT NULL REFERENCES register_decisions (id),
  document_number text NOT NULL,
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 2 AND 500)
);

CREATE FUNCTION tiaoli_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% 只能追加，不能修改或删除', TG_TABLE_NAME USING ERRCODE = '42501';
END
$$;

CREATE TRIGGER register_access_log_append_only BEFORE UPDATE OR DELETE ON register_access_log
  FOR EACH ROW EXECUTE FUNCTION tiaoli_append_only();
CREATE TRIGGER register_access_log_no_truncate BEFORE TRUNCATE ON register_access_log
  FOR EACH STATEMENT EXECUTE FUNCTION tiaoli_append_only();
