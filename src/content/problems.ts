/** Something wrong in a lesson file, reported as `path:line: severity: reason`. */
export interface Problem {
  path: string;
  line: number;
  severity: 'error' | 'warning';
  reason: string;
}

export function formatProblem(problem: Problem): string {
  return `${problem.path}:${problem.line}: ${problem.severity}: ${problem.reason}`;
}
