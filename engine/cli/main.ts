// The `tiaoli` command line (CASES.md §4). Each command's module is imported when that
// command runs, so `decide` loads neither the server nor Handlebars nor the print pages.
import { Command, CommanderError } from 'commander';
import { collectReading } from './reading-option.js';
import { registerCommands } from './register-commands.js';
import { accountsCommands } from './accounts-commands.js';
import { usePreparedBuild, type PreparedBuild } from './prepared-build.js';

/** How bin.js runs the command: from the build, with what it prepared. */
export type MainOptions = PreparedBuild;

export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  let status = 0;
  const program = new Command('tiaoli')
    .description('条例规则引擎：决定案件、运行夹具、检查规则、报告覆盖')
    .option('--project <dir>', '项目目录，含 rules/、forms/、test/cases/（默认当前目录）')
    .option('--rules <dir>', '规则目录（默认 项目目录/rules）')
    .option('--forms <dir>', '表单目录（默认 项目目录/forms）')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  // A --project that is not a folder stops every command before it reads anything.
  program.hook('preAction', async () => {
    await usePreparedBuild(options);
    const { projectProblem } = await import('./rules-dir.js');
    const problem = projectProblem(program.opts().project);
    if (problem) {
      process.stderr.write(`${problem}\n`);
      throw new CommanderError(1, 'tiaoli.project', problem);
    }
  });

  program.command('decide [file]')
    .description('对一个案件作出决定，输出决定文书（JSON）；--jsonl 从标准输入逐行读取案件')
    .option('--jsonl', '批量：标准输入每行一个案件（JSON），每行输出一个决定文书')
    .option('--brief', '不输出 because（推理过程）')
    .option('--reading <id=alternative>', '按解释的另一读法决定（可重复），优先于案件文件的 readings', collectReading)
    .option('--record', '把决定登记到台账（需要 --office 与 --operator），得到文书编号')
    .option('--office <id>', '登记的发证单位（forms/offices.yaml 中的 id）')
    .option('--operator <name>', '经办人姓名（登记时必填）')
    .option('--engine <engine>', '执行规则的方式：compiled（默认，编译后的规则）或 jre（json-rules-engine，参照实现）')
    .action(async (file, opts) => { status = await (await import('./decide-command.js')).decideCommand(file, { ...program.opts(), ...opts }); });

  program.command('population').description('按 rules/population 中的假设生成一年的合成案件，每行一个（JSON），供 decide --jsonl 重放').option('--size <n>', '案件数（默认见假设文件）').option('--seed <s>', '随机种子（默认见假设文件）').option('--file <path>', '人群假设文件（默认 rules/population 中的第一个）').option('--from <date>', '决定日期的范围从此日起（默认见假设文件的 span）').option('--to <date>', '决定日期的范围至此日止').option('--cover <dates>', '扩大范围以包括这些日期及其后一年（逗号分隔），同工作室比较修改时的做法').option('--starter', '按本项目的案件 Schema 写出一个起始的人群假设文件（输出到标准输出）').action(async (opts) => { status = await (await import('./population-command.js')).populationCommand({ ...program.opts(), ...opts }); });

  program.command('test [paths...]')
    .description('运行案例夹具（默认 test/cases），逐个比较预期与实际')
    .option('-v, --verbose', '列出通过的夹具与全部条件')
    .option('--reading <id=alternative>', '按解释的另一读法运行夹具（可重复），优先于夹具的 readings', collectReading)
    .option('--engine <engine>', '执行规则的方式：compiled（默认，编译后的规则）或 jre（json-rules-engine，参照实现）')
    .action(async (paths, opts) => { status = await (await import('./test-command.js')).testCommand(paths, { ...program.opts(), ...opts }); });

  program.command('readings [paths...]')
    .description('列出每项解释的每种读法下决定改变的夹具（默认 test/cases）')
    .option('--json', '以 JSON 输出')
    .action(async (paths, opts) => { status = await (await import('./readings-command.js')).readingsCommand(paths, { ...program.opts(), ...opts }); });

  program.command('lint')
    .description('检查规则、参数、解释和夹具文件；每个错误给出 文件:行:列')
    .action(async () => { status = await (await import('./lint-command.js')).lintCommand(program.opts()); });

  program.command('coverage [paths...]')
    .description('逐条逐款列出实现它的规则和覆盖它的夹具，标出没有夹具覆盖的可决定条款')
    .option('--json', '以 JSON 输出')
    .option('--strict', '有未覆盖的可决定条款时以 1 退出')
    .action(async (paths, opts) => { status = await (await import('./coverage-command.js')).coverageCommand(paths, { ...program.opts(), ...opts }); });

  program.command('form <name> <file>')
    .description('检查一份窗口表单（YAML/JSON），有错则逐项列出（中文），无错则输出它所形成案件的决定文书')
    .option('--brief', '不输出 because（推理过程）')
    .action(async (name, file, opts) => { status = await (await import('./form-command.js')).formCommand(name, file, { ...program.opts(), ...opts }); });

  program.command('print <kind> <file>')
    .description('打印交给申领人的文书（HTML 或 PDF，A4）：kind 是 forms/prints/prints.yaml 列出的一种（如 notice、slip、reminder、refusal）')
    .option('--form <name>', '文件是该窗口表单的数据，而不是案件')
    .option('--office <id>', '办证机关（forms/offices.yaml 的 id），印在文书首行，并给出办理地点与复议机关')
    .option('--number <number>', '文书编号（没有时印“编号：＿＿”，手写）')
    .option('--operator <name>', '经办人姓名')
    .option('--agent <name>', '代为申领人（代理人）姓名')
    .option('--pdf <file>', '写出 PDF（A4，经 Chromium）而不是 HTML')
    .action(async (kind, file, opts) => { status = await (await import('./print-command.js')).printCommand(kind, file, { ...program.opts(), ...opts }); });

  program.command('conformance')
    .description('上位法一致性审查：同一批案件分别依本项目的文件和它实施的上位法决定，列出严于、不一致于、宽于上位法的每一类案件')
    .option('--superior <dir>', '上位法的项目目录（默认 rules/instruments.yaml 所写的）')
    .option('--size <n>', '人群案件数（默认 3000）')
    .option('--seed <s>', '人群随机种子（默认见人群假设文件）')
    .option('--examples <dir>', '把每一类的例子写成案件文件（本项目一份、上位法一份），可用 decide 查看推理')
    .option('--json', '以 JSON 输出')
    .action(async (opts) => { status = await (await import('./conformance-command.js')).conformanceCommand({ ...program.opts(), ...opts }); });

  program.command('successor <action> [id]')
    .description('本办法的后续版本：start 从现行版本起草（--id --title --from --until），diff ID 逐条对照并测算影响，publish ID 发布')
    .option('--id <id>', '后续版本的编号（如 qujing-2022）')
    .option('--title <title>', '名称')
    .option('--from <date>', '施行之日（YYYY-MM-DD）')
    .option('--until <date>', '有效期最后一日（YYYY-MM-DD）')
    .option('--size <n>', 'diff：人群案件数（默认 1000）')
    .option('--json', 'diff：以 JSON 输出')
    .action(async (action, id, opts) => { status = await (await import('./successor-command.js')).successorCommand(action, id, { ...program.opts(), ...opts }); });

  program.command('schema <kind>')
    .description('输出由 regulation.yaml 生成的 JSON Schema：decision 为决定文书的 Schema')
    .action(async (kind) => { status = await (await import('./schema-command.js')).schemaCommand(kind, program.opts()); });

  program.command('serve')
    .description('启动工作室（网页）及其接口，默认 http://127.0.0.1:5177/')
    .option('--port <port>', '端口（默认 5177，0 为任选）')
    .option('--host <host>', '地址（默认 127.0.0.1；其他地址需要令牌）')
    .option('--root <dir>', '项目目录（同 --project；两者都给时以 --root 为准）')
    .option('--token <token>', '访问令牌（非本机地址时默认随机生成）；写在命令行上会被 ps 看到，宜用 --token-file 或 TIAOLI_TOKEN')
    .option('--token-file <file>', '从文件读取访问令牌（文件里只写令牌）')
    .action(async (opts) => { status = await (await import('./serve-command.js')).serveCommand({ project: program.opts().project, ...opts }); });

  program.command('new <dir>')
    .description('在新目录或空目录中创建一个最小的项目（规则、参数、解释、表单、夹具），可直接通过 lint 与 test；不覆盖任何文件')
    .action(async (dir) => { status = (await import('./new-command.js')).newCommand(dir); });

  registerCommands(program, (s) => { status = s; });
  accountsCommands(program, (s) => { status = s; });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    throw e;
  }
  return status;
}
