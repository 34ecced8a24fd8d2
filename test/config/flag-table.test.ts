import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flagsAndConfig } from '../../src/cli/flags-and-config.js';
import { main } from '../../src/cli/main.js';
import { configFlags, envName, FLAGS, readmeFlagTable } from '../../src/config/flag-table.js';
import { loadConfig } from '../../src/config/load-config.js';
import { packageRoot } from '../../src/spec/package-root.js';

/** A value the flag accepts, per kind. */
const sample = (kind: string): string => (kind === 'integer' ? '200' : kind === 'number' ? '2.5' : kind === 'switch' ? 'true' : 'x');

/** What `main` writes to stdout, and its exit code. */
async function stdoutOf(run: () => Promise<number>): Promise<{ code: number; text: string }> {
  let text = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => {
    text += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    return { code: await run(), text };
  } finally {
    process.stdout.write = write;
  }
}

describe('the flag table', () => {
  it('is what README’s flag table shows (npm run docs:tables rewrites it)', () => {
    const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
    const block = /<!-- flags:begin[^>]*-->\n([\s\S]*?)\n<!-- flags:end -->/.exec(readme);
    expect(block?.[1]).toBe(readmeFlagTable());
  });

  it('is what `run --help` and `doctor --help` list: each command’s flags with their IMS_* variables, no other', async () => {
    for (const command of ['run', 'doctor'] as const) {
      const help = await stdoutOf(() => main([command, '--help']));
      expect(help.code).toBe(0);
      for (const f of FLAGS) {
        const listed = new RegExp(`^  --${f.name}\\b`, 'm').test(help.text);
        expect(listed, `${command} --help lists --${f.name}`).toBe(f.commands.includes(command));
        if (listed && f.env) expect(help.text).toContain(envName(f.name));
      }
    }
  });

  it('is what the parser accepts: each command takes its flags and refuses the others with exit 2', () => {
    for (const command of ['run', 'doctor'] as const) {
      for (const f of FLAGS) {
        // `--config` and `--target` need a readable file and principals: the other flags are parsed alone.
        if (f.name === 'config' || f.name === 'target') continue;
        const argv = f.kind === 'switch' ? [`--${f.name}`] : [`--${f.name}`, f.name === 'profile' ? 'ims' : sample(f.kind)];
        const errors: string[] = [];
        const parsed = flagsAndConfig(command, argv, { err: (line) => errors.push(line), env: {} });
        if (f.commands.includes(command))
          expect(
            errors.filter((e) => e.includes('Unknown option')),
            `${command} --${f.name}`,
          ).toEqual([]);
        else expect(parsed, `${command} refuses --${f.name}`).toBe(2);
      }
    }
  });

  it('names the IMS_* variable that sets each run-contract field as its flag does, and the flag beats it', () => {
    // The run id and, unless given, the seed are random per load: they are not what is compared.
    const load = (flags: Record<string, string | boolean>, env: Record<string, string>): unknown => {
      const { runId: _r, ...rest } = loadConfig(flags, env);
      return 'seed' in flags || 'IMS_SEED' in env ? rest : { ...rest, seed: 0 };
    };
    for (const f of configFlags()) {
      if (f.name === 'target' || f.name === 'os-cloud') continue; // both need principals or a clouds.yaml
      const value = f.name === 'profile' ? 'openstack' : f.name === 'ca-file' ? join(packageRoot(), 'README.md') : sample(f.kind);
      const viaFlag = load({ [f.name]: f.kind === 'switch' ? true : value }, {});
      expect(load({}, { [envName(f.name)]: value }), envName(f.name)).toEqual(viaFlag);
      expect(viaFlag, `--${f.name} changes the contract`).not.toEqual(load({}, {}));
    }
    expect(loadConfig({ runs: '3' }, { IMS_RUNS: '9' }).runs).toBe(3);
  });
});

describe('the command line', () => {
  it('answers help with the command list (exit 0), no command with it too (exit 2), an unknown command with exit 2', async () => {
    expect(await stdoutOf(() => main(['help']))).toMatchObject({ code: 0, text: expect.stringContaining('commands:') });
    expect(await stdoutOf(() => main([]))).toMatchObject({ code: 2, text: expect.stringContaining('commands:') });
    const stderr = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect(await main(['bogus'])).toBe(2);
      expect(await main(['constructor'])).toBe(2);
    } finally {
      process.stderr.write = stderr;
    }
  });
});
