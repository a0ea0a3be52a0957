// Where something is (file:line:column) and what is wrong there: the one shape of every
// problem the engine reports, from a YAML file, a form, a template or a case.
export type PathSegment = string | number;

export interface Location { file: string; line: number; column: number }

export interface Problem {
  code: string;
  message: string;
  location: Location;
}

export function formatProblem(p: Problem): string {
  return `${p.location.file}:${p.location.line}:${p.location.column}: ${p.message} [${p.code}]`;
}

export class ProblemsError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}
