// The register on a PostgreSQL server (DATABASE_URL=postgres://user:password@host:port/db),
// for several counters or processes sharing one register. The same SQL as the embedded one.
import pg from 'pg';
import { RegisterError, type Database, type Queryable } from './database.js';

/** postgres://user@host:port/db, the password left out, for messages; undefined if not such a URL. */
export function shownUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') return undefined;
  const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
  return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: '连接被拒绝：服务器没有运行，或端口不对',
  ENOTFOUND: '找不到这个主机名',
  ETIMEDOUT: '连接超时',
  EAI_AGAIN: '暂时无法解析主机名',
  '28P01': '用户名或密码不对',
  '28000': '服务器不允许这个用户连接',
  '3D000': '数据库不存在',
};

function reason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code && Object.hasOwn(REASONS, code)) return `${REASONS[code]}（${code}）`;
  const message = (e as Error).message ?? String(e);
  return /timeout/i.test(message) ? '连接超时' : message.split('\n')[0];
}

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** `variable`: the environment variable the address came from, named in every error (DATABASE_URL, or a served-beside project's DATABASE_URL_<ID>). */
export async function openPostgres(url: string, variable = 'DATABASE_URL'): Promise<Database> {
  const shown = shownUrl(url);
  if (!shown) {
    throw new RegisterError(`${variable} 必须是 postgres://用户:密码@主机:端口/数据库 形式的地址；不用 PostgreSQL 服务器时请不设 ${variable}（台账存放在项目的数据目录中）`, variable, 503);
  }
  // the first connection says at once whether the server is there (5 s at most) …
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await probe.connect();
    await probe.query('SELECT 1');
  } catch (e) {
    throw new RegisterError(`无法连接台账的 PostgreSQL 服务器 ${shown}${variable === 'DATABASE_URL' ? '' : `（${variable}）`}：${reason(e)}`, variable, 503);
  } finally {
    await probe.end().catch(() => undefined);
  }
  // … then a burst of stores queues for the pool's connections instead of failing after 5 s
  // of waiting (connectionTimeoutMillis 0: a store waits its turn; 300 at once all go through)
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 0, idleTimeoutMillis: 10_000, keepAlive: true });
  // an idle connection the server drops must not end this process: the next query reconnects
  pool.on('error', () => undefined);
  return {
    kind: 'postgres',
    where: shown,
    ...queryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
