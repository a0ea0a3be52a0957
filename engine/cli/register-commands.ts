// `tiaoli register list|replay` as commands of the command line (main.ts). Their work, and
// the database drivers it needs, is loaded only when one of them runs (register-command.ts).
import type { Command } from 'commander';

/** `tiaoli register list|replay`, added to the command line (main.ts). */
export function registerCommands(program: Command, done: (status: number) => void): void {
  const register = program.command('register').description('决定台账：登记过的决定的查询、按现行规则的重放、到期清理与换密钥');
  register.command('list')
    .description('列出台账中的决定（身份号码、电话默认遮盖）')
    .option('--json', '以 JSON 输出')
    .option('--from <date>', '起始日期 YYYY-MM-DD（含）')
    .option('--to <date>', '截止日期 YYYY-MM-DD（含）')
    .option('--outcome <value>', '结果，如 notice、issueOnSpot')
    .option('--service <name>', '事项：决定名或窗口表单名')
    .option('--office <id>', '发证单位 id')
    .option('--name <text>', '姓名（部分即可）')
    .option('--id <idNumber>', '公民身份号码（完整）')
    .option('--limit <n>', '最多列出几条（默认 1000，最多 10000；还有更多时会说明有多少、如何分批查看）')
    .option('--unmask', '显示完整的公民身份号码（仅供有权查看台账数据库的人员核对；须写明 --operator 和 --reason，每条记入查阅记录）')
    .option('--operator <name>', '查看人姓名（--unmask 必填；与运行命令的系统账户一起记入查阅记录）')
    .option('--reason <text>', '查看完整号码的理由（--unmask 必填，2 到 500 字，记入查阅记录）')
    .action(async (opts) => done(await (await import('./register-command.js')).registerListCommand({ ...program.opts(), ...opts })));
  register.command('replay')
    .description('按现行规则重新决定台账中的每个案件，列出会改变的决定值（原 → 现，计数）')
    .option('--json', '以 JSON 输出')
    .action(async (opts) => done(await (await import('./register-command.js')).registerReplayCommand({ ...program.opts(), ...opts })));
  register.command('purge')
    .description('按保存期限（rules/parameters/personal-data.yaml 的 retention… 参数）列出到期的记录；加 --yes 才删除')
    .option('--yes', '确认删除到期的记录（不加则只预览）')
    .option('--json', '以 JSON 输出')
    .action(async (opts) => done(await (await import('./register-command.js')).registerPurgeCommand({ ...program.opts(), ...opts })));
  register.command('rotate-key')
    .description('换用新的台账密钥，把每条记录用新密钥重新加密（密钥文件 .tiaoli/register.key，或 TIAOLI_REGISTER_KEY）')
    .action(async () => done(await (await import('./register-command.js')).registerRotateKeyCommand({ ...program.opts() })));
}
