// `--engine compiled|jre`: how `decide` and `test` run the rules — compiled at load (the
// default) or on json-rules-engine, the reference the compiled rules are tested against.
import type { EngineChoice } from '../explain/decider.js';

const ENGINES: readonly EngineChoice[] = ['compiled', 'jre'];

export function parseEngine(option: string | undefined): { engine?: EngineChoice; problem?: string } {
  if (option === undefined) return { engine: 'compiled' };
  const found = ENGINES.find((e) => e === option);
  return found ? { engine: found } : { problem: `未知的 --engine ${option}（可选：${ENGINES.join('、')}）` };
}
