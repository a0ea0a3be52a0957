// The studio's JSON API over the project's rules/, forms/ and test/cases/. The same
// handler serves `tiaoli serve` and Vite's dev server.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Decider } from '../evaluate/decider.js';
import { checkCase } from '../case/validate-case.js';
import { isEditablePath, readProject, readProjectFile, versionOf, writeAtomically } from './project-files.js';
import { checkProject, problemsOfChange } from '../load/check-project.js';
import { runFixtures } from '../fixtures/run-fixtures.js';

export interface ApiOptions {
  root: string;
  /** when set, every API request must carry it (Authorization: Bearer …) */
  token?: string;
}

const today = (): string => new Date().toISOString().slice(0, 10);

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(json);
}

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 5 * 1024 * 1024) throw new Error('请求过大');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

function texts(root: string): Record<string, string> {
  return Object.fromEntries(Object.entries(readProject(root)).map(([p, f]) => [p, f.text]));
}

/** Handles /api/…; returns false for any other path. Never throws: errors become JSON. */
export function createApi(options: ApiOptions) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://studio');
    if (!url.pathname.startsWith('/api/')) return false;
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
      send(res, 401, { error: '需要访问令牌（启动时打印的 token）' });
      return true;
    }
    try {
      await route(req, res, url, options.root);
    } catch (e) {
      send(res, e instanceof SyntaxError ? 400 : 500, { error: (e as Error).message });
    }
    return true;
  };
}

async function route(req: IncomingMessage, res: ServerResponse, url: URL, root: string): Promise<void> {
  const method = req.method ?? 'GET';
  if (url.pathname === '/api/project' && method === 'GET') {
    const files = readProject(root);
    const { regulation } = checkProject(Object.fromEntries(Object.entries(files).map(([p, f]) => [p, f.text])), today());
    send(res, 200, { files, ruleset: regulation?.ruleset ?? null, title: regulation?.title ?? '' });
    return;
  }
  if (url.pathname === '/api/files' && (method === 'PUT' || method === 'POST')) {
    const path = url.searchParams.get('path') ?? '';
    const body = await readBody(req);
    if (!isEditablePath(path)) return send(res, 400, { error: `不能写入 ${path}：只能写 rules/、forms/、test/cases/ 下的 YAML 等文件` });
    if (typeof body.text !== 'string') return send(res, 400, { error: '缺少 text' });
    const current = readProjectFile(root, path);
    const base: string | null = body.baseVersion ?? null;
    // Refuse to overwrite a file that changed on disk since the editor loaded it.
    if ((current?.version ?? null) !== base) {
      return send(res, 409, { error: '文件在载入后已被修改', path, current: current ?? null });
    }
    const problems = problemsOfChange(texts(root), path, body.text, today());
    if (problems.length) return send(res, 422, { error: '有错误，未保存', problems });
    writeAtomically(root, path, body.text);
    const { regulation } = checkProject(texts(root), today());
    send(res, 200, { path, version: versionOf(body.text), ruleset: regulation?.ruleset ?? null });
    return;
  }
  if (url.pathname === '/api/check' && method === 'POST') {
    const body = await readBody(req);
    const files = { ...texts(root), ...(body.files ?? {}) };
    send(res, 200, { problems: checkProject(files, today()).problems });
    return;
  }
  if (url.pathname === '/api/decide' && method === 'POST') {
    const body = await readBody(req);
    const { regulation, problems } = checkProject(texts(root), today());
    if (!regulation) return send(res, 500, { error: '规则有错误', problems });
    const checked = checkCase(regulation, body.case);
    if (!checked.case) return send(res, 422, { error: '案件无效', problems: checked.problems });
    send(res, 200, await new Decider(regulation).decide(checked.case));
    return;
  }
  if (url.pathname === '/api/fixtures/run' && method === 'POST') {
    const files = texts(root);
    const { regulation } = checkProject(files, today());
    if (!regulation) return send(res, 500, { error: '规则有错误' });
    const fixtures = Object.entries(files).filter(([p]) => p.startsWith('test/cases/') && /\.ya?ml$/.test(p)).map(([name, text]) => ({ name, text }));
    const results = await runFixtures(new Decider(regulation), fixtures);
    const passed = results.filter((r) => r.passed).length;
    send(res, 200, { passed, failed: results.length - passed, results: results.map(({ document: _d, ...r }) => r) });
    return;
  }
  send(res, 404, { error: `没有这个接口：${method} ${url.pathname}` });
}
