import { execFileSync } from 'node:child_process';

/**
 * Read-only access to one commit of a git repository (a checkout or a bare mirror): the script records what it
 * read with the commit, so the corpus says exactly which revision of the docs it comes from.
 */
export interface GitTree {
  commit: string;
  files: string[];
  read(file: string): string;
}

export function openGitTree(path: string, rev = 'HEAD'): GitTree {
  const git = (...args: string[]): string => execFileSync('git', ['-C', path, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const commit = git('rev-parse', `${rev}^{commit}`).trim();
  const files = git('ls-tree', '-r', '--name-only', commit)
    .split('\n')
    .filter((f) => f !== '');
  return { commit, files, read: (file) => git('show', `${commit}:${file}`) };
}
