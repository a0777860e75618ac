import { Table } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

export interface MeasuredColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  width?: number | string;
}

/**
 * A virtualized table whose rows may differ in height (a list of reasons, a long error): only the
 * rows in view are rendered, each measured once drawn, so 10,000 rows scroll without freezing.
 * One real <table> with headers; spacer rows keep the scrollbar true; the scrolling box is a
 * named, focusable region for keyboard users.
 */
export function MeasuredTable<T>({
  label,
  rows,
  columns,
  rowKey,
  maxHeight = 520,
  rowHeight = 44,
}: {
  label: string;
  rows: readonly T[];
  columns: MeasuredColumn<T>[];
  rowKey: (row: T) => string;
  maxHeight?: number;
  rowHeight?: number;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    getItemKey: (index) => rowKey(rows[index]!),
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  return (
    <div ref={scroller} style={{ maxHeight, overflowY: 'auto' }} tabIndex={0} role="region" aria-label={label}>
      <Table striped highlightOnHover stickyHeader aria-label={label} aria-rowcount={rows.length + 1}>
        <Table.Thead>
          <Table.Tr aria-rowindex={1}>
            {columns.map((column) => (
              <Table.Th key={column.header} style={{ width: column.width }}>
                {column.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {top > 0 && (
            <tr aria-hidden="true" style={{ height: top }}>
              <td colSpan={columns.length} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <Table.Tr key={item.key} data-index={item.index} ref={virtualizer.measureElement} aria-rowindex={item.index + 2}>
                {columns.map((column) => (
                  <Table.Td key={column.header}>{column.cell(row)}</Table.Td>
                ))}
              </Table.Tr>
            );
          })}
          {bottom > 0 && (
            <tr aria-hidden="true" style={{ height: bottom }}>
              <td colSpan={columns.length} />
            </tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}
