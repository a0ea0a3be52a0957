// `tiaoli form NAME data.yaml`: validates a counter submission and prints its Chinese
// errors (exit 1), or the decision document for the case it makes (exit 0). A case the
// rules cannot decide is reported as `decide` reports it (file: message, exit 1).
import { loadProjectDecider } from './project-decider.js';
import { loadOrReport, type ProjectOptions } from './rules-dir.js';
import { readFormFile } from './read-form-input.js';
import { failure } from './command-failure.js';

export async function formCommand(name: string, file: string, options: ProjectOptions & { brief?: boolean }): Promise<number> {
  try {
    const regulation = loadOrReport(options);
    if (!regulation) return 2;
    const input = readFormFile(regulation, name, file, options);
    if (!input) return 1;
    const project = loadProjectDecider(regulation, options);
    if (!project) return 2;
    const doc = await project.decider.decide(input, { trace: !options.brief });
    process.stdout.write(`${JSON.stringify({ form: name, case: input, ...doc }, null, 2)}\n`);
    return 0;
  } catch (e) {
    return failure(file, e);
  }
}
