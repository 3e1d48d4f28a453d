/**
 * The results grid: reads an Arrow table lazily and renders only the rows in view, so a million
 * rows scroll like ten. Exposed as an ARIA grid: a header row of column headers, then the visible
 * rows with their cells (`aria-rowindex` says where each sits in the whole result).
 */
import type { Table } from 'apache-arrow';
import { useMemo, useState } from 'react';
import { vectorToValues } from '@facet/engine/common';
import { cellText } from './cell-text.ts';

const ROW_HEIGHT = 26;
const OVERSCAN = 8;

export interface ResultGridProps {
  table: Table;
  height: number;
}

export function ResultGrid({ table, height }: ResultGridProps) {
  const [scrollTop, setScrollTop] = useState(0);
  const columns = useMemo(
    () => table.schema.fields.map((field, i) => ({ name: field.name, vector: table.getChildAt(i) })),
    [table],
  );
  const bodyHeight = Math.max(ROW_HEIGHT, height - ROW_HEIGHT);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(table.numRows, Math.ceil((scrollTop + bodyHeight) / ROW_HEIGHT) + OVERSCAN);
  const rows: number[] = [];
  for (let r = first; r < last; r++) rows.push(r);
  // Only the visible window is converted (dates, decimals, lists… read as the CLI prints them).
  const values = columns.map((c) => (c.vector ? vectorToValues(c.vector.slice(first, last)) : []));
  const template = `56px repeat(${columns.length}, minmax(96px, 1fr))`;
  return (
    <div
      className="facet-grid nodrag nowheel"
      role="grid"
      aria-rowcount={table.numRows + 1}
      aria-colcount={columns.length}
      style={{ height }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div
        className="facet-grid-header"
        role="row"
        aria-rowindex={1}
        style={{ gridTemplateColumns: template }}
      >
        <div className="facet-grid-rownum" aria-hidden="true">
          #
        </div>
        {columns.map((c) => (
          <div key={c.name} role="columnheader" className="facet-grid-cell" title={c.name}>
            {c.name}
          </div>
        ))}
      </div>
      <div style={{ height: table.numRows * ROW_HEIGHT, position: 'relative' }}>
        {rows.map((r) => (
          <div
            key={r}
            role="row"
            aria-rowindex={r + 2}
            className="facet-grid-row"
            style={{ top: r * ROW_HEIGHT, height: ROW_HEIGHT, gridTemplateColumns: template }}
          >
            <div className="facet-grid-rownum" aria-hidden="true">
              {r + 1}
            </div>
            {columns.map((c, i) => {
              const text = cellText(values[i]?.[r - first]);
              return (
                <div key={c.name} role="gridcell" className="facet-grid-cell" title={text}>
                  {text}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
