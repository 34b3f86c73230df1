// Splits a lesson's blocks into Telegram messages of at most MESSAGE_LIMIT
// characters after parsing: at headings first, then between blocks, list
// items, sentences, words, and only as a last resort inside a word. Entities
// are never cut: an oversized bold run becomes two bold runs.
import { cloneShallow, type MdNode, plainOf, text } from './mdast.ts';
import { type RenderedBlock, renderMeasured } from './render.ts';
import { MESSAGE_LIMIT } from './telegram-text.ts';

export interface ChunkLink {
  label: string;
  href: string;
  /** the heading the link stands under in this chunk, to tell apart links with the same text */
  section?: string;
}

export interface Chunk {
  /** MarkdownV2 text */
  text: string;
  /** UTF-16 length after Telegram parses it */
  length: number;
  /** links in this chunk, in order of appearance, one per target */
  links: ChunkLink[];
  /** an image sent as a photo; `text` is its caption */
  photo?: { src: string; alt: string };
}

const SEPARATOR = '\n\n';

export function chunkBlocks(blocks: MdNode[], limit = MESSAGE_LIMIT): Chunk[] {
  const sections: RenderedBlock[][] = [];
  let heading: RenderedBlock | undefined;
  for (const block of blocks) {
    let pieces = fitBlock(block, limit);
    // A block that must be split anyway after a short heading: its pieces
    // leave room for the heading, which would otherwise be a message alone.
    const room = heading ? limit - heading.length - SEPARATOR.length : 0;
    if (heading && pieces.length > 1 && room >= limit / 2) pieces = fitBlock(block, room);
    heading = pieces.length === 1 && block.type === 'heading' ? pieces[0] : undefined;
    if (block.type === 'heading' || sections.length === 0) sections.push([]);
    sections[sections.length - 1]!.push(...pieces);
  }

  const chunks: RenderedBlock[][] = [];
  let current: RenderedBlock[] = [];
  let currentLength = 0;
  const lengthWith = (extra: number) => (current.length ? currentLength + SEPARATOR.length + extra : extra);
  const flush = () => {
    if (current.length) chunks.push(current);
    current = [];
    currentLength = 0;
  };
  const append = (piece: RenderedBlock) => {
    currentLength = lengthWith(piece.length);
    current.push(piece);
  };

  for (const section of sections) {
    const sectionLength = joinedLength(section);
    if (lengthWith(sectionLength) <= limit) {
      section.forEach(append);
      continue;
    }
    // A whole section moves to the next message, unless this one would then
    // hold nothing but headings (the lesson title, say): then fill it instead.
    if (sectionLength <= limit && current.some((piece) => piece.node.type !== 'heading')) {
      flush();
      section.forEach(append);
      continue;
    }
    section.forEach((piece, index) => {
      const next = section[index + 1];
      // Keep a heading with the block it introduces.
      const needed = piece.node.type === 'heading' && next ? piece.length + SEPARATOR.length + next.length : piece.length;
      if (lengthWith(needed) > limit && (needed <= limit || lengthWith(piece.length) > limit)) flush();
      append(piece);
    });
  }
  flush();

  return chunks.map((pieces) => ({
    text: pieces.map((p) => p.text).join(SEPARATOR),
    length: joinedLength(pieces),
    links: collectLinks(pieces.map((p) => p.node)),
  }));
}

function joinedLength(pieces: RenderedBlock[]): number {
  return pieces.reduce((sum, p) => sum + p.length, 0) + SEPARATOR.length * Math.max(0, pieces.length - 1);
}

/** The block rendered, split into pieces that each fit when it does not. */
export function fitBlock(block: MdNode, limit: number): RenderedBlock[] {
  const rendered = renderMeasured(block);
  if (rendered.length <= limit) return [rendered];
  const pieces = splitBlock(block, limit);
  return pieces.flatMap((piece) => fitBlock(piece, limit));
}

function splitBlock(block: MdNode, limit: number): MdNode[] {
  switch (block.type) {
    case 'list':
      return splitList(block, limit);
    case 'code':
      return splitCode(block, limit);
    case 'blockquote':
      return splitQuote(block, limit);
    default:
      // paragraph, heading: inline content
      return packInline(inlineAtoms(block.children ?? [], limit), limit).map((children) => cloneShallow(block, children));
  }
}

function splitList(list: MdNode, limit: number): MdNode[] {
  const items = list.children ?? [];
  const start = list.start ?? 1;
  const subList = (from: number, children: MdNode[]): MdNode => ({ ...list, start: start + from, children });
  if (items.length === 1) {
    // One item longer than a message: its blocks stand on their own, the
    // first one still carrying the item's marker.
    const blocks = (items[0]!.children ?? []).map((child) => ({ ...child }));
    const marker = list.ordered ? `${start}. ` : '• ';
    const first = blocks[0];
    if (first && (first.type === 'paragraph' || first.type === 'heading')) first.children = [text(marker), ...(first.children ?? [])];
    else blocks.unshift({ type: 'paragraph', children: [text(marker.trim())] });
    return blocks;
  }
  const groups: MdNode[] = [];
  let from = 0;
  let current: MdNode[] = [];
  let length = 0;
  items.forEach((item, index) => {
    const itemLength = renderMeasured(subList(index, [item])).length;
    const next = current.length ? length + 1 + itemLength : itemLength;
    if (current.length && next > limit) {
      groups.push(subList(from, current));
      from = index;
      current = [item];
      length = itemLength;
    } else {
      current.push(item);
      length = next;
    }
  });
  if (current.length) groups.push(subList(from, current));
  if (groups.length === 1) {
    // Measured lengths fit but the whole does not: halve.
    const half = Math.ceil(items.length / 2);
    return [subList(0, items.slice(0, half)), subList(half, items.slice(half))];
  }
  return groups;
}

function splitCode(code: MdNode, limit: number): MdNode[] {
  // A code block's text is its value plus one newline.
  const budget = limit - 1;
  const lines = (code.value ?? '').split('\n').flatMap((line) => hardSplit(line, budget));
  const pieces: MdNode[] = [];
  let current = '';
  for (const line of lines) {
    const candidate = current ? `${current}\n${line}` : line;
    if (current && candidate.length > budget) {
      pieces.push({ ...code, value: current });
      current = line;
    } else current = candidate;
  }
  if (current) pieces.push({ ...code, value: current });
  const split = pieces.length > 1 ? pieces : hardSplit(code.value ?? '', Math.floor(budget / 2)).map((value) => ({ ...code, value }));
  // A piece of blank lines only would be a message with nothing to read.
  return split.filter((piece) => (piece.value ?? '').trim());
}

function splitQuote(quote: MdNode, limit: number): MdNode[] {
  const children = quote.children ?? [];
  if (children.length === 1) {
    return splitBlock(children[0]!, Math.floor(limit * 0.9)).map((piece) => cloneShallow(quote, [piece]));
  }
  const half = Math.ceil(children.length / 2);
  return [cloneShallow(quote, children.slice(0, half)), cloneShallow(quote, children.slice(half))];
}

const SENTENCE_END = /(?<=[.!?。！？؟…;:]["'»”’)\]]*\s+)/u;
const WORD_END = /(?<=\s)(?=\S)/u;

/** Inline content cut into pieces that never need splitting at sentence level or above. */
function inlineAtoms(nodes: MdNode[], limit: number): MdNode[] {
  const atoms: MdNode[] = [];
  for (const node of nodes) {
    const length = plainOf(node).length;
    if (node.type === 'text') {
      for (const sentence of (node.value ?? '').split(SENTENCE_END)) {
        if (sentence.length <= limit) atoms.push(text(sentence));
        else
          for (const word of sentence.split(WORD_END)) {
            for (const piece of hardSplit(word, limit)) atoms.push(text(piece));
          }
      }
    } else if (length <= limit) {
      atoms.push(node);
    } else if (node.type === 'inlineCode') {
      for (const piece of hardSplit(node.value ?? '', limit)) atoms.push({ type: 'inlineCode', value: piece });
    } else if (node.children) {
      // An oversized entity (bold, link…) becomes several entities of the same kind.
      const inner = packInline(inlineAtoms(node.children, limit), limit);
      for (const children of inner) atoms.push(cloneShallow(node, children));
    } else {
      atoms.push(node);
    }
  }
  return atoms;
}

function packInline(atoms: MdNode[], limit: number): MdNode[][] {
  const groups: MdNode[][] = [];
  let current: MdNode[] = [];
  let length = 0;
  for (const atom of atoms) {
    const atomLength = plainOf(atom).length;
    if (current.length && length + atomLength > limit) {
      groups.push(current);
      current = [];
      length = 0;
    }
    // A piece never starts with a line break or white space: a piece of
    // white space only would be a message with nothing to read.
    if (!current.length && (atom.type === 'break' || (atom.type === 'text' && !(atom.value ?? '').trim()))) continue;
    current.push(atom);
    length += atomLength;
  }
  if (current.length) groups.push(current);
  if (groups.length === 1 && atoms.length > 1) {
    const half = Math.ceil(atoms.length / 2);
    return [atoms.slice(0, half), atoms.slice(half)];
  }
  return groups;
}

/** Cuts a string into pieces of at most `limit` UTF-16 units, never inside a character (inside a grapheme only when it alone exceeds the limit). */
export function hardSplit(value: string, limit: number): string[] {
  if (value.length <= limit) return [value];
  const pieces: string[] = [];
  let current = '';
  for (const { segment } of graphemes.segment(value)) {
    // A grapheme longer than the limit (a letter under thousands of combining
    // marks) is cut between code points, or splitting would never end.
    for (const part of segment.length > limit ? Array.from(segment) : [segment]) {
      if (current.length + part.length > limit && current) {
        pieces.push(current);
        current = '';
      }
      current += part;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function collectLinks(nodes: MdNode[]): ChunkLink[] {
  const links: ChunkLink[] = [];
  const seen = new Set<string>();
  let section: string | undefined;
  const visit = (node: MdNode) => {
    const href = node.type === 'link' ? node.url : node.type === 'internalLink' ? node.href : undefined;
    if (href !== undefined) {
      if (!seen.has(href)) {
        seen.add(href);
        links.push({ label: plainOf(node).trim() || href, href, ...(section ? { section } : {}) });
      }
      return;
    }
    node.children?.forEach(visit);
  };
  for (const node of nodes) {
    if (node.type === 'heading') section = plainOf(node).trim() || undefined;
    visit(node);
  }
  return links;
}
