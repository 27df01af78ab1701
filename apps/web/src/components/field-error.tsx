import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';
import type { Finding } from '@sluice/model';
import { findingsAt } from './findings-list';

/** The 422 findings whose paths fall under `paths`, shown under the field they belong to. */
export function FieldError({ findings, paths }: { findings: Finding[]; paths: string[] }) {
  const messages = findingsAt(findings, ...paths).map((f) => f.message);
  if (messages.length === 0) return null;
  return (
    <FormHelperText>
      <HelperText>
        <HelperTextItem variant="error" data-testid="field-error">
          {messages.join('; ')}
        </HelperTextItem>
      </HelperText>
    </FormHelperText>
  );
}
