// The content-tree fixtures in test/fixtures/ (see its README).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The broken links planted in a fixture tree, found independently of the
 * loader: link or image targets containing "missing", and mailto:/tel: links.
 */
export async function plantedProblems(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of (await readdir(root, { recursive: true })).map(String)) {
    if (!/\.(md|ya?ml)$/.test(entry)) continue;
    const lines = (await readFile(join(root, entry), 'utf8')).split('\n');
    lines.forEach((line, i) => {
      if (/\]\([^)]*(missing|mailto:|tel:)[^)]*\)/.test(line)) found.push(`${entry}:${i + 1}`);
    });
  }
  return found.sort();
}
