// `tiaoli successor`: the same successor draft from the command line — started (a wrong date
// names its option and writes nothing), compared, published; `tiaoli decide` then decides a
// 2023 application under it.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { tiaoli } from './support/cli.js';
import { projectCopy } from './support/project-copy.js';

describe('tiaoli successor', () => {
  it('starts, compares and publishes a successor of the measures; decide then applies it', () => {
    const dir = projectCopy();
    const start = ['--project', dir, 'successor', 'start', '--id', 'qujing-2022', '--title', '曲靖市居住证管理实施办法（2022年修订）', '--from', '2022-10-09'];
    const wrong = tiaoli([...start, '--until', '2027-02-30']);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('--until：有效期最后一日应是日期 YYYY-MM-DD');
    expect(existsSync(join(dir, 'successors'))).toBe(false);

    const started = tiaoli([...start, '--until', '2027-10-08']);
    expect(started.stderr.replace(/^tiaoli：engine\/.*\n/m, '')).toBe('');
    expect(started.stdout).toContain('successors/qujing-2022/rules/ 下');
    const diff = tiaoli(['--project', dir, 'successor', 'diff', 'qujing-2022', '--size', '50']);
    expect(diff.stdout).toMatch(/第 23 条 施行与有效期：条文；参数 inForceFrom、inForceUntil\n\s+原文：本办法自 2017 年 10 月 9 日起施行/);
    expect(tiaoli(['--project', dir, 'successor', 'publish', 'qujing-2022']).status).toBe(0);

    const application = join(dir, 'application-2023.yaml');
    writeFileSync(application, stringify({
      asOf: '2023-03-01',
      facts: {
        person: { idNumber: '510104199003070015' }, hukou: { county: '510104' },
        residence: { county: '530302', township: '南宁街道', townshipKind: 'street', arrivedOn: '2022-06-01', registeredOn: '2022-06-03' },
        grounds: { employment: false, housing: true, study: false },
        application: { materials: { idCard: 1, photo: 2, leaseContract: 1 } },
      },
    }));
    const decided = JSON.parse(tiaoli(['--project', dir, 'decide', application, '--brief']).stdout);
    expect(decided.instrument).toBe('qujing-2022');
    expect(decided.decisions.application.outcome).toBe('issueOnSpot');
  }, 180_000);
});
