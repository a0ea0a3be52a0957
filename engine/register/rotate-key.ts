// `tiaoli register rotate-key`: every record sealed again under a new key, its ID number's and
// request's keyed hashes made again. With the key file: a new key is made and written first,
// the old one kept under `previous` until every record is under the new one, then dropped — a
// rotation cut short is finished by running it again. With TIAOLI_REGISTER_KEY: the new key is
// that variable, the old one(s) TIAOLI_REGISTER_PREVIOUS_KEYS; records are sealed again under
// the new one, after which the old ones can be removed from the environment.
import type { CaseInput } from '../model/case/case-input.js';
import type { DecisionDocument } from '../explain/decider.js';
import { own } from '../core/own.js';
import { RegisterError } from './database.js';
import { decisionValues } from './decision-values.js';
import { Register } from './register.js';
import { KEY_ENV, keyFilePath, loadKeys, newSecret, writeKeyFile, type RegisterKeys } from './register-key.js';
import { idHash, requestHash, seal, unseal } from './sealing.js';

type Row = { id: number; key_id: string; sealed_case: Uint8Array; sealed_document: Uint8Array; office_id: string; operator: string; form: string | null; request_id: string | null };

/** Seals every record not under `keys.current` again under it; how many. */
export async function sealAgain(register: Register, keys: RegisterKeys, onPage?: (done: number) => void): Promise<number> {
  const key = keys.current;
  let done = 0;
  for (;;) {
    const rows = await register.db.query<Row>(
      `SELECT id::int AS id, key_id, sealed_case, sealed_document, office_id, operator, form, request_id FROM register_decisions
       WHERE key_id IS DISTINCT FROM $1 ORDER BY id LIMIT 100`, [key.id]);
    if (!rows.length) break;
    await register.db.transaction(async (tx) => {
      for (const r of rows) {
        const input = unseal<CaseInput>(keys, r.key_id, 'case', r.sealed_case);
        const document = unseal<DecisionDocument>(keys, r.key_id, 'document', r.sealed_document);
        const id = own(own(input.facts, 'person') as Record<string, unknown> | undefined, 'idNumber');
        await tx.query(
          `UPDATE register_decisions SET key_id = $2, sealed_case = $3, sealed_document = $4, sealed_decisions = $5, id_hash = $6, request_hash = $7 WHERE id = $1`,
          [r.id, key.id, seal(key, 'case', input), seal(key, 'document', document), seal(key, 'decisions', decisionValues(document.decisions)),
            typeof id === 'string' && id.trim() ? idHash(key, id) : null,
            r.request_id ? requestHash(key, { case: input, office: r.office_id, operator: r.operator, form: r.form }) : null]);
      }
    });
    done += rows.length;
    onPage?.(done);
  }
  // the rows' old versions, under the old key, are vacuumed away
  if (done) await register.db.exec('VACUUM register_decisions');
  return done;
}

export interface Rotated { sealed: number; keyId: string; source: 'file' | 'env' }

/** Rotates the key of the register open in `register` (opened from `dataFolder`, `env`). */
export async function rotateKey(register: Register, dataFolder: string, env: Record<string, string | undefined>, onPage?: (done: number) => void): Promise<Rotated> {
  if (env[KEY_ENV]?.trim()) {
    const keys = loadKeys(dataFolder, env);
    const sealed = await sealAgain(new Register(register.db, keys), keys, onPage);
    return { sealed, keyId: keys.current.id, source: 'env' };
  }
  const path = keyFilePath(dataFolder);
  const before = loadKeys(dataFolder, env);
  const previous = [...before.byId.values()].map((k) => k.secret);
  writeKeyFile(path, { current: newSecret(), previous });
  const during = loadKeys(dataFolder, env);
  const sealed = await sealAgain(new Register(register.db, during), during, onPage);
  const [left] = await register.db.query<{ n: number }>('SELECT count(*)::int AS n FROM register_decisions WHERE key_id IS DISTINCT FROM $1', [during.current.id]);
  if (left!.n) throw new RegisterError(`还有 ${left!.n} 条记录不在新密钥下，旧密钥保留在 ${path} 中：请再运行一次 tiaoli register rotate-key`, 'key', 503);
  writeKeyFile(path, { current: during.current.secret, previous: [] });
  return { sealed, keyId: during.current.id, source: 'file' };
}
