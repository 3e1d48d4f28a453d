/** The kinds of block on a canvas and the fields each one holds. */

export const BLOCK_TYPES = ['sql', 'chart', 'table', 'text', 'metric', 'control', 'ask'] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];

/** Fields every block has. */
export interface BlockFrame {
  id: string;
  type: BlockType;
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
  /** Blocks moved together share a group id. */
  group?: string;
}

/** Each block type's own fields. Fields named in TEXT_FIELDS are Y.Text in the doc. */
export interface BlockFields {
  sql: { name: string; sql: string };
  chart: { source: string; spec: Record<string, unknown> };
  table: { source: string };
  text: { text: string };
  metric: { source: string; column: string; comparison?: string; format?: string };
  control: {
    name: string;
    control: 'dropdown' | 'date-range' | 'number' | 'text';
    value: unknown;
    options?: unknown[];
  };
  ask: { question: string; answer?: string; producedBlock?: string };
}

export type Block<T extends BlockType = BlockType> = T extends BlockType
  ? BlockFrame & { type: T } & BlockFields[T]
  : never;

/** Fields edited character by character (Y.Text), so concurrent edits merge. */
export const TEXT_FIELDS: Readonly<Record<BlockType, readonly string[]>> = {
  sql: ['sql'],
  chart: [],
  table: [],
  text: ['text'],
  metric: [],
  control: [],
  ask: ['question'],
};

/** Fields a block of each type must have (beyond the frame), and their JS type. */
export const REQUIRED_FIELDS: Readonly<Record<BlockType, Readonly<Record<string, 'string' | 'object'>>>> = {
  sql: { name: 'string', sql: 'string' },
  chart: { source: 'string', spec: 'object' },
  table: { source: 'string' },
  text: { text: 'string' },
  metric: { source: 'string', column: 'string' },
  control: { name: 'string', control: 'string' },
  ask: { question: 'string' },
};

/** Default sizes of new blocks, in canvas units. */
export const DEFAULT_SIZE: Readonly<Record<BlockType, { w: number; h: number }>> = {
  sql: { w: 480, h: 320 },
  chart: { w: 480, h: 320 },
  table: { w: 560, h: 360 },
  text: { w: 360, h: 200 },
  metric: { w: 240, h: 140 },
  control: { w: 240, h: 96 },
  ask: { w: 480, h: 240 },
};

export function isBlockType(value: unknown): value is BlockType {
  return typeof value === 'string' && (BLOCK_TYPES as readonly string[]).includes(value);
}

/** The words a block is found by in search: its name, SQL, note text, question, source, title. */
export function blockText(block: Block): string {
  switch (block.type) {
    case 'sql':
      return `${block.name}\n${block.sql}`;
    case 'text':
      return block.text;
    case 'ask':
      return `${block.question}\n${block.answer ?? ''}`;
    case 'control':
      return block.name;
    case 'chart': {
      const title = block.spec.title;
      return `${block.source} ${typeof title === 'string' ? title : ''}`;
    }
    case 'table':
      return block.source;
    case 'metric':
      return `${block.source} ${block.column}`;
  }
}
