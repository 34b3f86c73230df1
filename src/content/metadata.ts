// Reads a lesson file's metadata in either of the two formats authors use:
// YAML front matter (gray-matter) or `[Key]: # (value)` lines at the top.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const matter = require('gray-matter') as (input: string, options: object) => { data: Record<string, unknown>; content: string; matter: string };

export interface LessonMetadata {
  title?: string;
  order?: number;
  difficulty?: string;
  description?: string;
  lang?: string;
  aliases: string[];
}

export interface ParsedLessonFile {
  meta: LessonMetadata;
  body: string;
  /** number of file lines before the body's first line */
  bodyLineOffset: number;
}

/** A problem in a file that stops it from loading, with the line it is on. */
export class LessonFileError extends Error {
  constructor(
    message: string,
    readonly line = 1,
  ) {
    super(message);
  }
}

const COMMENT_META = /^\[([A-Za-z][\w -]*)\]:\s*#\s*(?:\((.*)\)|"(.*)"|'(.*)')\s*$/;

export function parseLessonFile(source: string): ParsedLessonFile {
  const normalised = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (/^---[ \t]*\n/.test(normalised)) return parseFrontMatter(normalised);
  return parseCommentMetadata(normalised);
}

function parseFrontMatter(source: string): ParsedLessonFile {
  let parsed: ReturnType<typeof matter>;
  try {
    parsed = matter(source, {});
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message.split('\n')[0];
    throw new LessonFileError(`invalid front matter: ${reason}`, (mark?.line ?? 0) + 2);
  }
  const data = parsed.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new LessonFileError('invalid front matter: expected key: value pairs', 2);
  const frontLines = source.length - parsed.content.length;
  const bodyLineOffset = source.slice(0, frontLines).split('\n').length - 1;
  return { meta: metadataFrom(data, 2), body: parsed.content, bodyLineOffset };
}

function parseCommentMetadata(source: string): ParsedLessonFile {
  const lines = source.split('\n');
  const data: Record<string, unknown> = {};
  let index = 0;
  for (; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (!line) continue;
    const match = COMMENT_META.exec(line);
    if (!match) break;
    data[match[1]!.trim().toLowerCase()] = (match[2] ?? match[3] ?? match[4] ?? '').trim();
  }
  return { meta: metadataFrom(data, 1), body: lines.slice(index).join('\n'), bodyLineOffset: index };
}

function metadataFrom(data: Record<string, unknown>, line: number): LessonMetadata {
  const lower: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) lower[key.toLowerCase()] = value;
  const meta: LessonMetadata = { aliases: [] };
  const title = lower.title ?? lower.name;
  if (title !== undefined && title !== null) {
    if (typeof title !== 'string' && typeof title !== 'number') throw new LessonFileError('title must be text', line);
    meta.title = String(title).trim() || undefined;
  }
  const order = lower.index ?? lower.order;
  if (order !== undefined && order !== null && order !== '') {
    const value = Number(order);
    if (!Number.isFinite(value)) throw new LessonFileError(`order must be a number, not "${String(order)}"`, line);
    meta.order = value;
  }
  for (const key of ['difficulty', 'description', 'lang'] as const) {
    const value = lower[key] ?? (key === 'lang' ? lower.language : undefined);
    if (value !== undefined && value !== null) {
      if (typeof value !== 'string') throw new LessonFileError(`${key} must be text`, line);
      meta[key] = value.trim() || undefined;
    }
  }
  const aliases = lower.aliases;
  if (Array.isArray(aliases)) meta.aliases = aliases.map(String).map((a) => a.trim()).filter(Boolean);
  else if (typeof aliases === 'string') meta.aliases = aliases.split(',').map((a) => a.trim()).filter(Boolean);
  return meta;
}
