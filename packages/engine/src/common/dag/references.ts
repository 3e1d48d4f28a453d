/**
 * What a SQL block refers to: other blocks by name (`FROM revenue_by_month`) and control values by
 * `{{name}}` placeholders. Read with the SQL tokenizer, so names inside strings and comments never
 * count. A name counts as a reference unless it is a function call (`name(`), a qualified column
 * (`t.name`) or an alias (`AS name`), which keeps column names that happen to match a block from
 * creating false edges.
 */
import { tokenize, type Token } from '../sql/lexer.ts';

/** Names of the given blocks that `sql` refers to, in order of first appearance. */
export function blockReferences(sql: string, blockNames: ReadonlySet<string>): string[] {
  const tokens = tokenize(sql).filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  const found: string[] = [];
  tokens.forEach((token, i) => {
    const name = identifierName(token);
    if (name === undefined || !blockNames.has(name) || found.includes(name)) return;
    const before = tokens[i - 1]?.text.toLowerCase();
    if (tokens[i + 1]?.text === '(' || before === '.' || before === 'as') return;
    found.push(name);
  });
  return found;
}

/**
 * Rewrites references to blocks (same rules as `blockReferences`) through `renames` (lower-case old
 * name → new name). Strings, comments, function calls, qualified columns and aliases stay as they are.
 */
export function renameReferences(sql: string, renames: ReadonlyMap<string, string>): string {
  const tokens = tokenize(sql);
  const meaningful = tokens
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t.kind !== 'space' && t.kind !== 'comment');
  const replace = new Map<number, string>();
  meaningful.forEach(({ t, i }, k) => {
    const name = identifierName(t);
    const next = name === undefined ? undefined : renames.get(name);
    if (next === undefined) return;
    const before = meaningful[k - 1]?.t.text.toLowerCase();
    if (meaningful[k + 1]?.t.text === '(' || before === '.' || before === 'as') return;
    replace.set(i, /^[a-z_][a-z0-9_]*$/i.test(next) ? next : `"${next.replaceAll('"', '""')}"`);
  });
  return tokens.map((t, i) => replace.get(i) ?? t.text).join('');
}

function identifierName(token: Token): string | undefined {
  if (token.kind === 'word') return token.text.toLowerCase();
  if (token.kind === 'quoted-ident') return token.text.slice(1, -1).replaceAll('""', '"').toLowerCase();
  return undefined;
}

/**
 * Rewrites control placeholders `{{ region }}` to DuckDB parameters (`$region`) outside strings and
 * comments, and lists the controls used.
 */
export function bindControls(sql: string): { sql: string; controls: string[] } {
  const tokens = tokenize(sql);
  const controls: string[] = [];
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const match = placeholderAt(tokens, i);
    if (match) {
      if (!controls.includes(match.name)) controls.push(match.name);
      out += `$${match.name}`;
      i = match.end;
      continue;
    }
    out += (tokens[i] as Token).text;
  }
  return { sql: out, controls };
}

/**
 * Renames control placeholders through `renames` (lower-case old control name → new name). A date
 * range's `{{name_from}}` and `{{name_to}}` follow their control. Only placeholders change: a
 * column that happens to share a control's name stays as it is.
 */
export function renameControls(sql: string, renames: ReadonlyMap<string, string>): string {
  const tokens = tokenize(sql);
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const match = placeholderAt(tokens, i);
    if (match) {
      const name = match.name.toLowerCase();
      const suffix = /_(from|to)$/.exec(name)?.[0] ?? '';
      const renamed =
        renames.get(name) ??
        (suffix ? renames.get(name.slice(0, -suffix.length))?.concat(suffix) : undefined);
      out +=
        renamed === undefined
          ? tokens
              .slice(i, match.end + 1)
              .map((t) => t.text)
              .join('')
          : `{{${renamed}}}`;
      i = match.end;
      continue;
    }
    out += (tokens[i] as Token).text;
  }
  return out;
}

/** `{ { [space] word [space] } }` starting at token i. */
function placeholderAt(tokens: Token[], i: number): { name: string; end: number } | undefined {
  if (tokens[i]?.text !== '{' || tokens[i + 1]?.text !== '{') return undefined;
  let j = i + 2;
  if (tokens[j]?.kind === 'space') j++;
  const word = tokens[j];
  if (word?.kind !== 'word') return undefined;
  j++;
  if (tokens[j]?.kind === 'space') j++;
  if (tokens[j]?.text !== '}' || tokens[j + 1]?.text !== '}') return undefined;
  return { name: word.text.toLowerCase(), end: j + 1 };
}
