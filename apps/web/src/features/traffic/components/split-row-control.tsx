import { Button, Label, TextInput, Tooltip } from '@patternfly/react-core';
import { parseWeightInput } from '@sluice/model';
import { LockIcon, LockOpenIcon } from '@patternfly/react-icons';
import { formatPercent } from '@/lib/format';
import type { SplitRow } from '../utils/split-rows';

interface SplitRowControlProps {
  row: SplitRow;
  weight: number;
  max: number;
  locked: boolean;
  movable: boolean;
  observed?: { share: number; rps: number } | undefined;
  error?: string | undefined;
  /**
   * What the user typed while it is not a usable weight (150, -5, 33.5, empty), with the model's
   * message: shown as typed, never turned into another number behind their back.
   */
  draft?: { text: string; message: string } | undefined;
  onWeight: (value: number) => void;
  onDraft: (draft: { text: string; message: string } | undefined) => void;
  onToggleLock: () => void;
}

/** One destination: slider and number input bound to the same value, a lock, expected and observed share. */
export function SplitRowControl({
  row,
  weight,
  max,
  locked,
  movable,
  observed,
  error,
  draft,
  onWeight,
  onDraft,
  onToggleLock,
}: SplitRowControlProps) {
  const id = `weight-${row.key.replace(/[^a-zA-Z0-9-]/g, '-')}`;
  const handleText = (text: string) => {
    const check = parseWeightInput(text, max);
    if (check.ok) {
      onDraft(undefined);
      onWeight(check.value);
    } else onDraft({ text, message: check.message });
  };
  const handleSlider = (value: number) => {
    onDraft(undefined);
    onWeight(Math.min(value, max));
  };
  const shownError = draft?.message ?? error;
  return (
    <div
      className="sluice-split-row"
      role="group"
      aria-label={`Destination ${row.label}`}
      data-testid="split-row"
      data-destination={row.label}
    >
      <label htmlFor={id} className="sluice-split-label">
        <strong>{row.label}</strong>
        {row.destination.subset && <span className="sluice-muted"> {row.destination.host}</span>}
        {!row.inRoute && (
          <Label isCompact variant="outline">
            not routed
          </Label>
        )}
      </label>
      <input
        type="range"
        min={0}
        max={100}
        step={1}
        value={weight}
        disabled={!movable}
        aria-label={`Weight slider for ${row.label}`}
        aria-valuetext={`${weight}%`}
        onChange={(e) => handleSlider(Number(e.target.value))}
        className="sluice-range"
        data-testid="weight-slider"
      />
      <TextInput
        id={id}
        type="number"
        min={0}
        max={max}
        value={draft?.text ?? weight}
        isDisabled={!movable}
        aria-label={`Weight for ${row.label} (%)`}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={shownError ? `${id}-error` : undefined}
        validated={shownError ? 'error' : 'default'}
        onChange={(_e, v) => handleText(v)}
        className="sluice-weight-input"
        data-testid="weight-input"
      />
      <Tooltip
        content={locked ? 'Unlock: let this row move when others change' : 'Lock: keep this weight when others change'}
      >
        <Button
          variant="plain"
          aria-label={locked ? `Unlock ${row.label}` : `Lock ${row.label}`}
          aria-pressed={locked}
          onClick={onToggleLock}
          icon={locked ? <LockIcon /> : <LockOpenIcon />}
          data-testid="lock-toggle"
        />
      </Tooltip>
      <span className="sluice-share" data-testid="expected-share" title="Share the current config sends here">
        {formatPercent(row.expected)}
      </span>
      <span
        className="sluice-share"
        data-testid="observed-share"
        title="Share of the service's requests observed in the window"
      >
        {observed ? formatPercent(observed.share) : '–'}
      </span>
      {shownError && (
        <span className="sluice-field-error" role="alert" id={`${id}-error`} data-testid="weight-error">
          {shownError}
        </span>
      )}
    </div>
  );
}
