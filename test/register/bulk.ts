// Many stored decisions fast, for replay tests and the bench: copies of one record stored
// properly (its sealed case and decisions), numbered in a year of their own (1999) so the
// counters of the current year are untouched. The copies are real records: replay decrypts
// and decides each.
import type { Register } from '../../engine/register/register.js';

export async function copyRecord(register: Register, id: number, count: number): Promise<void> {
  await register.db.query(
    `INSERT INTO register_decisions (office_id, number_year, number_seq, document_number, operator, decided_at, as_of, form, service, outcome,
       person_name, id_masked, id_hash, ruleset, engine_version, readings, key_id, sealed_case, sealed_document, sealed_decisions)
     SELECT office_id, 1999, g, 'bulk-' || g, operator, decided_at, as_of, form, service, outcome, person_name, id_masked, id_hash, ruleset,
       engine_version, readings, key_id, sealed_case, sealed_document, sealed_decisions
     FROM register_decisions, generate_series((SELECT coalesce(max(number_seq), 0) + 1 FROM register_decisions WHERE number_year = 1999),
       (SELECT coalesce(max(number_seq), 0) + $2 FROM register_decisions WHERE number_year = 1999)) AS g
     WHERE id = $1`, [id, count]);
}
