import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';

/** A fresh folder under the system temp dir, removed after the calling test (call it inside a test). */
export async function tempDir(prefix = 'parasol-test-'): Promise<string> {
  const dir = await makeTempDir(prefix);
  after(() => removeDir(dir));
  return dir;
}

/** A fresh folder the caller removes with removeDir (for suites: create in before, remove in after). */
export function makeTempDir(prefix = 'parasol-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** Writes files given as { 'relative/path': content } under `dir`. */
export async function writeTree(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}
