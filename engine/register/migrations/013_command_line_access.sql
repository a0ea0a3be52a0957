-- 《个人信息保护法》第五十一条 (操作权限、内部管理): an unmasking on the command line
-- (`tiaoli register list --unmask`, by staff who may open the register's database) is written
-- to the same append-only access log as the studio's. It has no account: who is the operator
-- the command requires (--operator) and the operating-system account that ran it.
ALTER TABLE register_access_log ALTER COLUMN account_id DROP NOT NULL;
ALTER TABLE register_access_log ADD COLUMN via text NOT NULL DEFAULT 'studio' CHECK (via IN ('studio', 'command-line'));
ALTER TABLE register_access_log ADD COLUMN os_user text CHECK (os_user IS NULL OR length(os_user) BETWEEN 1 AND 200);
ALTER TABLE register_access_log ADD CONSTRAINT register_access_log_who
  CHECK ((via = 'studio' AND account_id IS NOT NULL) OR (via = 'command-line' AND os_user IS NOT NULL AND length(btrim(account_name)) > 0));
