import { useMemo, useState } from 'react';
import type { ThProps } from '@patternfly/react-table';

export type SortValue = string | number;

/** Sorting state for a PatternFly table: click a header to sort by it, again to reverse. */
export function useSort<T>(rows: readonly T[], columns: readonly ((row: T) => SortValue)[], initial = 0) {
  const [index, setIndex] = useState(initial);
  const [direction, setDirection] = useState<'asc' | 'desc'>('asc');
  const sorted = useMemo(() => {
    const key = columns[index];
    if (!key) return [...rows];
    const out = [...rows].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    });
    return direction === 'asc' ? out : out.reverse();
  }, [rows, columns, index, direction]);
  const sortProps = (columnIndex: number): ThProps['sort'] => ({
    sortBy: { index, direction },
    columnIndex,
    onSort: (_e, i, dir) => {
      setIndex(i);
      setDirection(dir);
    },
  });
  return { sorted, sortProps };
}
