import { Button, Checkbox, FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import {
  CONDITION_FIELDS,
  FIELD_LABELS,
  NAMED_FIELDS,
  emptyBlock,
  type ConditionKind,
  type ConditionRow,
  type MatchBlockRows,
} from '../utils/match-rows';

/**
 * Istio's match grammar as rows: each block's conditions must all hold, and the route matches when
 * any block does. Used by the route's Match tab and by "add a route".
 */
export function MatchBlocksEditor({
  id,
  blocks,
  onChange,
}: {
  id: string;
  blocks: MatchBlockRows[];
  onChange: (blocks: MatchBlockRows[]) => void;
}) {
  const setBlock = (bi: number, patch: Partial<MatchBlockRows>) =>
    onChange(blocks.map((b, j) => (j === bi ? { ...b, ...patch } : b)));
  return (
    <div data-testid="match-blocks">
      {blocks.length === 0 && (
        <p className="sluice-muted">No conditions: the route takes every request that reaches it.</p>
      )}
      {blocks.map((block, bi) => {
        const setCond = (ci: number, patch: Partial<ConditionRow>) =>
          setBlock(bi, { conditions: block.conditions.map((c, j) => (j === ci ? { ...c, ...patch } : c)) });
        const bid = `${id}-${bi}`;
        return (
          <fieldset key={bi} className="sluice-match-block" data-testid="match-block">
            <legend>{bi === 0 ? 'Match when all of these hold' : 'or when all of these hold'}</legend>
            {block.conditions.map((c, ci) => {
              const cid = `${bid}-${ci}`;
              return (
                <div className="sluice-inline-fields" key={ci} data-testid="match-condition">
                  <FormGroup label="Condition on" fieldId={`mf-field-${cid}`}>
                    <FormSelect
                      id={`mf-field-${cid}`}
                      value={c.field}
                      onChange={(_e, v) => setCond(ci, { field: v as ConditionRow['field'] })}
                      data-testid="condition-field"
                    >
                      {CONDITION_FIELDS.map((f) => (
                        <FormSelectOption key={f} value={f} label={FIELD_LABELS[f]} />
                      ))}
                    </FormSelect>
                  </FormGroup>
                  {NAMED_FIELDS.includes(c.field) && (
                    <FormGroup label="Name" fieldId={`mf-name-${cid}`}>
                      <TextInput
                        id={`mf-name-${cid}`}
                        value={c.name}
                        onChange={(_e, v) => setCond(ci, { name: v })}
                        data-testid="condition-name"
                      />
                    </FormGroup>
                  )}
                  <FormGroup label="How" fieldId={`mf-kind-${cid}`}>
                    <FormSelect
                      id={`mf-kind-${cid}`}
                      value={c.kind}
                      onChange={(_e, v) => setCond(ci, { kind: v as ConditionKind })}
                      data-testid="condition-kind"
                    >
                      <FormSelectOption value="exact" label="is exactly" />
                      <FormSelectOption value="prefix" label="starts with" />
                      <FormSelectOption value="regex" label="matches RE2 regex" />
                      {NAMED_FIELDS.includes(c.field) && <FormSelectOption value="present" label="is present" />}
                    </FormSelect>
                  </FormGroup>
                  {c.kind !== 'present' && (
                    <FormGroup label="Value" fieldId={`mf-value-${cid}`}>
                      <TextInput
                        id={`mf-value-${cid}`}
                        value={c.value}
                        onChange={(_e, v) => setCond(ci, { value: v })}
                        data-testid="condition-value"
                      />
                    </FormGroup>
                  )}
                  <Button
                    variant="link"
                    isDanger
                    onClick={() => setBlock(bi, { conditions: block.conditions.filter((_, j) => j !== ci) })}
                    aria-label={`Remove condition ${ci + 1} of block ${bi + 1}`}
                  >
                    Remove
                  </Button>
                </div>
              );
            })}
            <Button
              variant="link"
              onClick={() =>
                setBlock(bi, {
                  conditions: [...block.conditions, { field: 'header', name: '', kind: 'exact', value: '' }],
                })
              }
              data-testid="add-condition"
            >
              Add condition
            </Button>
            <div className="sluice-inline-fields">
              <FormGroup label="Port" fieldId={`mf-port-${bid}`}>
                <TextInput
                  id={`mf-port-${bid}`}
                  value={block.port}
                  inputMode="numeric"
                  onChange={(_e, v) => setBlock(bi, { port: v })}
                  data-testid="match-port"
                />
              </FormGroup>
              <FormGroup label="Caller labels (key=value, ...)" fieldId={`mf-labels-${bid}`}>
                <TextInput
                  id={`mf-labels-${bid}`}
                  value={block.sourceLabels}
                  onChange={(_e, v) => setBlock(bi, { sourceLabels: v })}
                  data-testid="match-source-labels"
                />
              </FormGroup>
              <FormGroup label="Caller namespace" fieldId={`mf-ns-${bid}`}>
                <TextInput
                  id={`mf-ns-${bid}`}
                  value={block.sourceNamespace}
                  onChange={(_e, v) => setBlock(bi, { sourceNamespace: v })}
                  data-testid="match-source-namespace"
                />
              </FormGroup>
              <FormGroup label="Gateways (mesh, ns/name, ...)" fieldId={`mf-gw-${bid}`}>
                <TextInput
                  id={`mf-gw-${bid}`}
                  value={block.gateways}
                  onChange={(_e, v) => setBlock(bi, { gateways: v })}
                  data-testid="match-gateways"
                />
              </FormGroup>
            </div>
            <Checkbox
              id={`mf-case-${bid}`}
              label="Path match ignores case (exact and prefix)"
              isChecked={block.ignoreUriCase}
              onChange={(_e, v) => setBlock(bi, { ignoreUriCase: v })}
            />
            <Button
              variant="link"
              isDanger
              onClick={() => onChange(blocks.filter((_, j) => j !== bi))}
              data-testid="remove-match-block"
            >
              Remove this block
            </Button>
          </fieldset>
        );
      })}
      <Button variant="secondary" onClick={() => onChange([...blocks, emptyBlock()])} data-testid="add-match-block">
        {blocks.length ? 'Add an alternative (or)' : 'Add conditions'}
      </Button>
    </div>
  );
}
