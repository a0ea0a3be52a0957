// The register's database, whichever it is: embedded PostgreSQL (PGlite) in a data folder, or
// a PostgreSQL server (DATABASE_URL). Both speak the same SQL with bound parameters ($1, $2…);
// nothing here builds SQL from a value.

/** What a statement can run on: the database itself or one transaction of it. */
export interface Queryable {
  /** One statement with bound parameters; its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A script of several statements without parameters (a migration file). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** where it is, as messages name it: a folder, or postgres://user@host:port/db (never a password) */
  readonly where: string;
  /** `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A register problem a person can act on, in Chinese; `field` names the input it is about. */
export class RegisterError extends Error {
  constructor(message: string, readonly field?: string, readonly status: 400 | 404 | 409 | 422 | 503 = 400) {
    super(message);
    this.name = 'RegisterError';
  }
}
