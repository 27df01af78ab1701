import { useState } from 'react';
import {
  Checkbox,
  HelperText,
  HelperTextItem,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import type { ExpressionError, GraphToolsResult } from './apply-graph-tools';
import { GraphLegend } from './graph-legend';

interface Props {
  find: string;
  hide: string;
  hideIdle: boolean;
  result: GraphToolsResult | undefined;
  onChange: (patch: Record<string, string | undefined>) => void;
}

const HINT = 'e.g. rps > 10, error > 5%, name = reviews, version = v2 (and / or)';

/**
 * Find (highlight) and hide by expression, show/hide idle, and the legend. An expression is applied
 * on Enter or when the field is left, and lives in the URL (`find`, `hide`, `idle=hide`).
 */
export function GraphToolsBar({ find, hide, hideIdle, result, onChange }: Props) {
  return (
    <Toolbar aria-label="Graph find and hide" className="sluice-graph-tools">
      <ToolbarContent>
        <ToolbarItem>
          {/* Keyed by the applied value: a new URL (back, a link) resets the draft. */}
          <ExpressionField
            key={`find:${find}`}
            id="graph-find"
            label="Find"
            value={find}
            error={result?.findError}
            onApply={(v) => onChange({ find: v || undefined })}
            status={result && find && !result.findError ? `${result.found.size} found` : undefined}
          />
        </ToolbarItem>
        <ToolbarItem>
          <ExpressionField
            key={`hide:${hide}`}
            id="graph-hide"
            label="Hide"
            value={hide}
            error={result?.hideError}
            onApply={(v) => onChange({ hide: v || undefined })}
            status={
              result && (hide || hideIdle) && !result.hideError
                ? `${result.hiddenNodes} nodes, ${result.hiddenEdges} edges hidden`
                : undefined
            }
          />
        </ToolbarItem>
        <ToolbarItem alignSelf="center">
          <Checkbox
            id="graph-hide-idle"
            label="Hide idle nodes and edges"
            isChecked={hideIdle}
            onChange={(_e, on) => onChange({ idle: on ? 'hide' : undefined })}
            data-testid="hide-idle-toggle"
          />
        </ToolbarItem>
        <ToolbarItem alignSelf="center">
          <GraphLegend />
        </ToolbarItem>
      </ToolbarContent>
    </Toolbar>
  );
}

function ExpressionField(props: {
  id: string;
  label: string;
  value: string;
  error: ExpressionError | undefined;
  status: string | undefined;
  onApply: (v: string) => void;
}) {
  const [draft, setDraft] = useState(props.value);
  const apply = () => {
    if (draft !== props.value) props.onApply(draft.trim());
  };
  // One row: label, field, and a short status or the error beside it (the canvas keeps its height).
  return (
    <div className="sluice-expression-field">
      <label htmlFor={props.id}>{props.label}</label>
      <TextInput
        id={props.id}
        value={draft}
        onChange={(_e, v) => setDraft(v)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
        }}
        validated={props.error ? 'error' : 'default'}
        placeholder="rps > 10"
        title={HINT}
        aria-describedby={`${props.id}-help`}
        data-testid={`${props.id}-input`}
        style={{ width: 210 }}
      />
      <HelperText id={`${props.id}-help`}>
        {props.error ? (
          <HelperTextItem variant="error" data-testid={`${props.id}-error`}>
            {props.error.message} (at character {props.error.at + 1})
          </HelperTextItem>
        ) : (
          <HelperTextItem data-testid={`${props.id}-status`}>{props.status ?? ''}</HelperTextItem>
        )}
      </HelperText>
    </div>
  );
}
