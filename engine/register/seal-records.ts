// Records under keys this process has, and none in plain text: at open, the register checks
// that every key its records were sealed under is at hand (else says so — a PostgreSQL register
// shared by several machines needs the same key on each), and seals records stored in plain
// text by an earlier tiaoli (before migration 002), then empties the plain columns for good.
import { RegisterError } from './database.js';
import { maskIdNumber } from './personal-data.js';
import type { Register } from './register.js';
import { idHash, seal } from './sealing.js';
import { decisionValues } from './decision-values.js';
import type { DecisionDocument } from '../explain/decider.js';

export async function checkKeys(register: Register): Promise<void> {
  const known = [...register.keys.byId.keys()];
  const [row] = await register.db.query<{ key_id: string }>('SELECT key_id FROM register_decisions WHERE key_id IS NOT NULL AND NOT (key_id = ANY($1)) LIMIT 1', [known]);
  if (row) {
    throw new RegisterError(`台账中有用另一把密钥（id ${row.key_id}）加密的记录，而${register.keys.source}中的密钥是 ${register.keys.current.id}：请用当初的密钥（把那台机器的 .tiaoli/register.key 复制过来，或设置 TIAOLI_REGISTER_KEY）`, 'key', 503);
  }
}

type Plain = { id: number; case_data: unknown; document: unknown; id_number: string | null };
const parsed = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/** Seals the records kept in plain text; how many. The plain copies' old row versions are vacuumed away. */
export async function sealPlainRecords(register: Register): Promise<number> {
  const key = register.keys.current;
  let sealed = 0;
  for (;;) {
    const rows = await register.db.query<Plain>('SELECT id::int AS id, case_data, document, id_number FROM register_decisions WHERE case_data IS NOT NULL ORDER BY id LIMIT 200');
    if (!rows.length) break;
    await register.db.transaction(async (tx) => {
      for (const r of rows) {
        const document = parsed(r.document) as { decisions?: unknown };
        await tx.query(
          `UPDATE register_decisions SET key_id = $2, sealed_case = $3, sealed_document = $4, sealed_decisions = $5, id_hash = $6, id_masked = $7,
             case_data = NULL, document = NULL, id_number = NULL WHERE id = $1`,
          [r.id, key.id, seal(key, 'case', parsed(r.case_data)), seal(key, 'document', document), seal(key, 'decisions', decisionValues(document?.decisions as DecisionDocument['decisions'] | undefined)),
            r.id_number ? idHash(key, r.id_number) : null, r.id_number ? maskIdNumber(r.id_number) : null]);
      }
    });
    sealed += rows.length;
  }
  if (sealed) await register.db.exec(register.db.kind === 'pglite' ? 'VACUUM FULL register_decisions; CHECKPOINT;' : 'VACUUM FULL register_decisions');
  return sealed;
}
