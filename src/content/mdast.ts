// Minimal typing of the mdast trees that remark-parse 9 (telegramify-markdown's
// parser) produces. Only the fields the pipeline reads are listed.
export interface MdNode {
  type: string;
  children?: MdNode[];
  value?: string;
  url?: string;
  title?: string | null;
  alt?: string | null;
  depth?: number;
  ordered?: boolean | null;
  start?: number | null;
  spread?: boolean | null;
  checked?: boolean | null;
  identifier?: string;
  label?: string;
  lang?: string | null;
  meta?: string | null;
  /** Set by the pipeline on links it turned into plain text. */
  href?: string;
  position?: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** The text a reader sees, without any markup. */
export function plainOf(node: MdNode): string {
  if (node.type === 'break') return '\n';
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map(plainOf).join('');
}

export function text(value: string): MdNode {
  return { type: 'text', value };
}

export function cloneShallow(node: MdNode, children: MdNode[]): MdNode {
  return { ...node, children };
}
