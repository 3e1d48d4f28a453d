/**
 * The browser's project search: a small inverted index in memory over canvas names, block titles,
 * SQL, notes, comments and source tables with their columns (the desktop does this with SQLite
 * FTS5). Every query word must match (as a prefix); hits are ranked by BM25, a title hit weighing
 * four times a body hit; each hit carries a snippet split into plain and matched parts.
 *
 * Entries are grouped (a canvas and what is in it, or one source table) so a group is replaced as
 * a whole when it changes. The groups themselves are stored in IndexedDB by the project.
 */
import type { SearchResult } from '../../shared/host-api.ts';
import { matchesAny, queryWords, snippet, tokenize } from './search-text.ts';

/** One searchable thing: the same fields as a search hit, plus its text. */
export interface SearchEntry {
  kind: SearchResult['kind'];
  ref: string;
  canvasId: string | null;
  title: string;
  body: string;
}

interface Indexed {
  entry: SearchEntry;
  group: string;
  /** Term → occurrences in the title and in the body. */
  terms: Map<string, { title: number; body: number }>;
  length: number;
}

const TITLE_WEIGHT = 4;
const K1 = 1.2;
const B = 0.75;

export class SearchIndex {
  private readonly docs = new Map<string, Indexed>();
  private readonly groupIds = new Map<string, Set<string>>();
  /** Term → ids of the entries holding it. */
  private readonly postings = new Map<string, Set<string>>();
  private sortedTerms: string[] | undefined;
  private totalLength = 0;

  /** Replaces every entry of a group. */
  replace(group: string, entries: readonly SearchEntry[]): void {
    this.remove(group);
    const ids = new Set<string>();
    entries.forEach((entry, i) => {
      const id = `${group}\u0000${i}`;
      const terms = new Map<string, { title: number; body: number }>();
      for (const [field, text] of [
        ['title', entry.title],
        ['body', entry.body],
      ] as const) {
        for (const token of tokenize(text)) {
          const counts = terms.get(token.key) ?? { title: 0, body: 0 };
          counts[field]++;
          terms.set(token.key, counts);
        }
      }
      const length = [...terms.values()].reduce((n, c) => n + c.title + c.body, 0);
      this.docs.set(id, { entry, group, terms, length });
      this.totalLength += length;
      for (const term of terms.keys()) {
        let set = this.postings.get(term);
        if (!set) {
          this.postings.set(term, (set = new Set()));
          this.sortedTerms = undefined;
        }
        set.add(id);
      }
      ids.add(id);
    });
    this.groupIds.set(group, ids);
  }

  remove(group: string): void {
    for (const id of this.groupIds.get(group) ?? []) {
      const doc = this.docs.get(id);
      if (!doc) continue;
      this.totalLength -= doc.length;
      for (const term of doc.terms.keys()) {
        const set = this.postings.get(term);
        set?.delete(id);
        if (set?.size === 0) {
          this.postings.delete(term);
          this.sortedTerms = undefined;
        }
      }
      this.docs.delete(id);
    }
    this.groupIds.delete(group);
  }

  /** The groups indexed now. */
  groups(): string[] {
    return [...this.groupIds.keys()];
  }

  has(group: string): boolean {
    return this.groupIds.has(group);
  }

  /** Hits for what a person typed, best first. */
  search(text: string, limit = 20): SearchResult[] {
    const words = queryWords(text);
    if (words.length === 0) return [];
    const n = Math.max(1, this.docs.size);
    const avgLength = this.totalLength / n || 1;
    let candidates: Set<string> | undefined;
    const perWord: { terms: string[]; idf: number }[] = [];
    for (const word of words) {
      const terms = this.termsStartingWith(word);
      const holders = new Set<string>();
      for (const term of terms) for (const id of this.postings.get(term) ?? []) holders.add(id);
      candidates = candidates ? new Set([...candidates].filter((id) => holders.has(id))) : holders;
      perWord.push({ terms, idf: Math.log(1 + (n - holders.size + 0.5) / (holders.size + 0.5)) });
      if (candidates.size === 0) return [];
    }
    const scored: { id: string; score: number }[] = [];
    for (const id of candidates ?? []) {
      const doc = this.docs.get(id) as Indexed;
      let score = 0;
      for (const { terms, idf } of perWord) {
        let tf = 0;
        for (const term of terms) {
          const c = doc.terms.get(term);
          if (c) tf += TITLE_WEIGHT * c.title + c.body;
        }
        score += (idf * (tf * (K1 + 1))) / (tf + K1 * (1 - B + (B * doc.length) / avgLength));
      }
      scored.push({ id, score });
    }
    scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    return scored.slice(0, Math.max(1, Math.min(limit, 500))).map(({ id }) => {
      const { entry } = this.docs.get(id) as Indexed;
      return {
        kind: entry.kind,
        ref: entry.ref,
        canvasId: entry.canvasId,
        title: entry.title,
        snippet: bestSnippet(entry, words),
      };
    });
  }

  /** Terms with a prefix, by binary search over the sorted term list. */
  private termsStartingWith(prefix: string): string[] {
    const terms = (this.sortedTerms ??= [...this.postings.keys()].sort());
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((terms[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < terms.length && (terms[i] as string).startsWith(prefix); i++)
      out.push(terms[i] as string);
    return out;
  }
}

/** The snippet from the field with more matching words (the body on a tie), like FTS5's snippet(-1). */
function bestSnippet(entry: SearchEntry, words: readonly string[]): SearchResult['snippet'] {
  const count = (text: string): number => tokenize(text).filter((t) => matchesAny(t.key, words)).length;
  const field = count(entry.title) > count(entry.body) ? entry.title : entry.body;
  return snippet(field, words);
}
