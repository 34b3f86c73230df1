// One lesson file's text -> its messages. Pure: no I/O, so it runs in worker
// threads and its result can be cached by the file's content.
import { type Chunk, chunkBlocks } from './chunk.ts';
import { type ImageOccurrence, type LinkOccurrence, prepareMarkdown } from './markdown.ts';
import { type MdNode, plainOf, text } from './mdast.ts';
import { renderBlock } from './render.ts';
import { escapeMarkdownV2, markdownV2Length } from './telegram-text.ts';
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
    const chunks = chunkWithPhotos(prepared.blocks);
    return { ok: true, lesson: { meta: { ...meta, title }, chunks, links: prepared.links, images: prepared.images } };
  } catch (error) {
    if (error instanceof LessonFileError) return { ok: false, line: error.line, reason: error.message };
    return { ok: false, line: 1, reason: `cannot render: ${(error as Error).message}` };
  }
}

/** Telegram's limit for a photo caption, in UTF-16 code units after parsing. */
export const CAPTION_LIMIT = 1024;

/** Text chunks with each `photo` block as a message of its own, in reading order. */
function chunkWithPhotos(blocks: MdNode[]): Chunk[] {
  const chunks: Chunk[] = [];
  let run: MdNode[] = [];
  const flush = () => {
    if (run.length) chunks.push(...chunkBlocks(run));
    run = [];
  };
  for (const block of blocks) {
    if (block.type !== 'photo') {
      run.push(block);
      continue;
    }
    const alt = block.alt ?? '';
    const altText = escapeMarkdownV2(alt.length > 900 ? `${alt.slice(0, 899)}…` : alt);
    // A heading right before a photo becomes its caption, not a message alone.
    const last = run[run.length - 1];
    let caption = altText;
    if (last?.type === 'heading' && !hasLink(last)) {
      const withHeading = [renderBlock(last), altText].filter(Boolean).join('\n');
      if (markdownV2Length(withHeading) <= CAPTION_LIMIT) {
        caption = withHeading;
        run.pop();
      }
    }
    flush();
    chunks.push({ text: caption, length: markdownV2Length(caption), links: [], photo: { src: block.url ?? '', alt } });
  }
  flush();
  return chunks;
}

function hasLink(node: MdNode): boolean {
  return node.type === 'link' || node.type === 'internalLink' || (node.children ?? []).some(hasLink);
}

function normaliseTitle(value: string): string {
  return value.toLowerCase().replace(/\s+/g, ' ').trim();
}
