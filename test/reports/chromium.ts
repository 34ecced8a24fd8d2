import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** A usable Chromium, or why there is none (the caller skips with that reason: never a silent pass). */
export type ChromiumFound = { ok: true; path: string; installed: boolean } | { ok: false; reason: string };

const onPath = (name: string): string | undefined =>
  (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, name))
    .find((p) => existsSync(p));

/** CHROMIUM_PATH when set, else Debian's `chromium` (or Ubuntu's `chromium-browser`) on PATH. */
const findChromium = (): string | undefined => process.env.CHROMIUM_PATH || ['chromium', 'chromium-browser'].map(onPath).find(Boolean);

const lastLine = (text: string): string =>
  text
    .trim()
    .split('\n')
    .filter((l) => l.trim())
    .at(-1) ?? '';

/**
 * Debian's `chromium`, installed with apt-get when missing (as root; `apt-get update` first when the plain install
 * fails, as on a fresh image with no package lists).
 */
export async function ensureChromium(): Promise<ChromiumFound> {
  const found = findChromium();
  if (found) return { ok: true, path: found, installed: false };
  if (typeof process.getuid !== 'function' || process.getuid() !== 0)
    return { ok: false, reason: 'chromium is not installed and the tests do not run as root, so apt-get cannot install it' };
  const apt = onPath('apt-get');
  if (!apt) return { ok: false, reason: 'chromium is not installed and there is no apt-get to install it with (not a Debian-like system)' };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = (): Promise<unknown> =>
    exec(apt, ['install', '-y', '--no-install-recommends', 'chromium'], { env, timeout: 900_000, maxBuffer: 64 * 1024 * 1024 });
  try {
    await install();
  } catch {
    try {
      await exec(apt, ['update'], { env, timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
      await install();
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      return { ok: false, reason: `chromium is not installed and apt-get could not install it: ${lastLine(e.stderr ?? '') || e.message}` };
    }
  }
  const path = findChromium();
  return path ? { ok: true, path, installed: true } : { ok: false, reason: 'apt-get installed chromium but no chromium binary is on PATH' };
}

/** Headless, offline, no first-run chores; a throwaway profile per call. */
async function headless<T>(chromium: string, args: string[], then: (stdout: string, stderr: string) => T): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'ims-chromium-'));
  try {
    const { stdout, stderr } = await exec(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
        // The report renders client-side: let its scripts run (virtual time) before the DOM is taken.
        '--virtual-time-budget=10000',
        // The page's console (CSP violations, failed loads) on stderr.
        '--enable-logging=stderr',
        '--v=0',
        ...args,
      ],
      { timeout: 120_000, maxBuffer: 256 * 1024 * 1024 },
    );
    return then(stdout, stderr);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

export interface Rendered {
  /** The DOM after the page's scripts ran. */
  dom: string;
  /** What the page logged to its console. */
  console: string[];
}

export const dumpDom = (chromium: string, file: string, hash = ''): Promise<Rendered> =>
  headless(chromium, ['--dump-dom', `${pathToFileURL(file).href}${hash}`], (dom, stderr) => ({
    dom,
    console: stderr.split('\n').filter((l) => l.includes(':CONSOLE')),
  }));

export const screenshot = (chromium: string, file: string, png: string): Promise<void> =>
  headless(chromium, ['--window-size=1400,1000', `--screenshot=${png}`, pathToFileURL(file).href], () => undefined);

/** What a person reads on the page: the text nodes outside scripts and styles, one per line. */
export function visibleText(html: string): string[] {
  const body = html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ');
  return body
    .split(/<[^>]*>/)
    .map((t) =>
      t
        .replace(/&nbsp;/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&')
        .trim(),
    )
    .filter(Boolean);
}
