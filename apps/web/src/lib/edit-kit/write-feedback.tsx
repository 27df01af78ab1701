import { ApiErrorAlert } from '@/components/api-error-alert';
import { ConflictDialog } from '@/components/conflict-dialog';
import type { ObjectWriter } from './use-object-writer';

/** Inline error (with 422 findings) and the 409 dialog for one form. */
export function WriteFeedback({ writer }: { writer: Pick<ObjectWriter, 'error' | 'conflict'> }) {
  return (
    <>
      {writer.error ? <ApiErrorAlert error={writer.error} /> : null}
      <ConflictDialog {...writer.conflict} />
    </>
  );
}
