// One lesson file's text -> its messages. Pure: no I/O, so it runs in worker
// threads and its result can be cached by the file's content.
import { type Chunk, chunkBlocks } from './chunk.ts';
import { type ImageOccurrence, type LinkOccurrence, prepareMarkdown } from './markdown.ts';
import { plainOf, text } from './mdast.ts';
import { type LessonMetadata, LessonFileError, parseLessonFile } from './metadata.ts';

export interface CompiledLesson {
  meta: LessonMetadata & { title: string };
  chunks: Chunk[];
  links: LinkOccurrence[];
  images: ImageOccurrence[];
}

export type CompileResult = { ok: true; lesson: CompiledLesson } | { ok: false; line: number; reason: string };

export function compileLessonText(source: string, fallbackTitle: string): CompileResult {
  try {
    const { meta, body, bodyLineOffset } = parseLessonFile(source);
    if (!body.trim()) return { ok: false, line: bodyLineOffset + 1, reason: 'the lesson has no text after its metadata' };
    const prepared = prepareMarkdown(body, bodyLineOffset);
    if (!prepared.blocks.length) return { ok: false, line: bodyLineOffset + 1, reason: 'the lesson has no readable text' };
    const first = prepared.blocks[0]!;
    const firstHeading = first.type === 'heading' ? normaliseTitle(plainOf(first)) : '';
    const title = meta.title ?? (first.type === 'heading' ? plainOf(first).trim() : fallbackTitle);
    // Every lesson opens with its title, unless its first heading already is the title.
    if (firstHeading !== normaliseTitle(title)) prepared.blocks.unshift({ type: 'heading', depth: 1, children: [text(title)] });
    const chunks = chunkBlocks(prepared.blocks);
    return { ok: true, lesson: { meta: { ...meta, title }, chunks, links: prepared.links, images: prepared.images } };
  } catch (error) {
    if (error instanceof LessonFileError) return { ok: false, line: error.line, reason: error.message };
    return { ok: false, line: 1, reason: `cannot render: ${(error as Error).message}` };
  }
}

function normaliseTitle(value: string): string {
  return value.toLowerCase().replace(/\s+/g, ' ').trim();
}
