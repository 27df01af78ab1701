import { useHealth } from './health';

/** Whether the API refuses writes (`--read-only`): forms disable their actions instead of failing with 403. */
export function useReadOnly(): boolean {
  return useHealth().data?.readOnly ?? false;
}
