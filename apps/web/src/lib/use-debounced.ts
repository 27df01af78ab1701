import { useEffect, useState } from 'react';

/** The value after it has stopped changing for `ms`: keeps dry runs from firing on every slider step. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
