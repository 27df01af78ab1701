import { useState } from 'react';
import { Button, Form, FormGroup, TextInput } from '@patternfly/react-core';
import type { GraphPreview } from '@sluice/model';

/**
 * Request classes the metrics cannot see (Istio's metrics carry no headers or paths): the preview
 * assumed a share for each; the user can give the real one (in %), and the preview is recomputed.
 */
export function UnknownSharesForm({
  unknown,
  given,
  onChange,
}: {
  unknown: GraphPreview['unknownShares'];
  given: Readonly<Record<string, number>>;
  onChange: (shares: Record<string, number>) => void;
}) {
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(given).map(([k, v]) => [k, String(Math.round(v * 1000) / 10)])),
  );
  const keys = [...new Set([...unknown.map((u) => u.key), ...Object.keys(given)])];
  if (keys.length === 0) return null;
  const describe = (key: string) => unknown.find((u) => u.key === key)?.description ?? key;
  const valid = (v: string | undefined) => v !== undefined && v.trim() !== '' && Number(v) >= 0 && Number(v) <= 100;
  const handleSubmit = () =>
    onChange(
      Object.fromEntries(
        Object.entries(draft)
          .filter(([, v]) => valid(v))
          .map(([k, v]) => [k, Number(v) / 100]),
      ),
    );
  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        handleSubmit();
      }}
      aria-label="Shares the metrics cannot see"
      data-testid="unknown-shares"
    >
      <p className="sluice-muted">
        Istio&apos;s metrics carry no headers or paths, so these shares are not known from the window; the preview
        assumes {unknown.length > 0 ? 'the share shown' : 'what you gave'} until you say otherwise.
      </p>
      {keys.map((key, i) => (
        <FormGroup key={key} label={`Share of ${describe(key)} (%)`} fieldId={`unknown-share-${i}`}>
          <TextInput
            id={`unknown-share-${i}`}
            type="number"
            min={0}
            max={100}
            step="any"
            value={draft[key] ?? ''}
            placeholder={String((unknown.find((u) => u.key === key)?.assumedShare ?? 0) * 100)}
            onChange={(_e, v) => setDraft((d) => ({ ...d, [key]: v }))}
            validated={draft[key] === undefined || draft[key] === '' || valid(draft[key]) ? 'default' : 'error'}
            data-testid="unknown-share-input"
          />
        </FormGroup>
      ))}
      <div>
        <Button variant="secondary" type="submit" data-testid="unknown-shares-apply">
          Recompute with these shares
        </Button>
      </div>
    </Form>
  );
}
