import { useMemo, useState } from 'react';
import { ActionGroup, Alert, Button, Form, FormGroup, TextArea } from '@patternfly/react-core';
import { useQueryClient } from '@tanstack/react-query';
import { hasErrors, type IstioObject } from '@sluice/model';
import { ApiError } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { ApiErrorAlert, describeError } from '../../../components/api-error-alert';
import { ConflictDialog } from '../../../components/conflict-dialog';
import { FindingsList } from '../../../components/findings-list';
import { useToast } from '../../../components/toaster';
import { istioObjectQueryOptions, type ObjectRef } from '../api/get-istio-object';
import { useReplaceIstioObject } from '../api/replace-istio-object';
import { checkYaml, toYaml, withResourceVersion } from '../utils/yaml-check';

/**
 * Edits the object as YAML. Validation runs in the browser on every change (syntax and field rules)
 * and Save stays disabled while there are errors; the server validates again, with the whole mesh.
 */
export function YamlEditor({ objectRef, object }: { objectRef: ObjectRef; object: IstioObject }) {
  const original = useMemo(() => toYaml(object), [object]);
  const [text, setText] = useState(original);
  const [rebasedOn, setRebasedOn] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const client = useQueryClient();
  const notify = useToast();
  const mutation = useReplaceIstioObject();
  const check = useMemo(() => checkYaml(text), [text]);
  const dirty = text !== original;
  const label = `${object.kind} ${objectRef.namespace}/${objectRef.name}`;

  const handleSave = () =>
    mutation.mutate(
      { ref: objectRef, yaml: text },
      {
        onSuccess: (stored) => {
          setRebasedOn(null);
          notify({ variant: 'success', title: `Saved ${label}`, description: `Now at resourceVersion ${stored.metadata.resourceVersion ?? '?'}.` });
          for (const queryKey of [queryKeys.config.all, queryKeys.traffic.all, queryKeys.graph.all]) void client.invalidateQueries({ queryKey });
        },
        onError: (err) => {
          if (err instanceof ApiError && err.code === 'conflict') return setConflict(true);
          notify({ variant: 'danger', title: describeError(err).title, description: describeError(err).message });
        },
      },
    );

  const handleReapply = async () => {
    setReloading(true);
    try {
      const latest = await client.fetchQuery({ ...istioObjectQueryOptions(objectRef), staleTime: 0 });
      const rv = latest.metadata.resourceVersion ?? '';
      setText((t) => withResourceVersion(t, rv));
      setRebasedOn(rv);
      mutation.reset();
    } finally {
      setReloading(false);
      setConflict(false);
    }
  };

  return (
    <Form onSubmit={(e) => e.preventDefault()} data-testid="yaml-editor">
      {rebasedOn && (
        <Alert variant="info" isInline title={`Your edit is now based on resourceVersion ${rebasedOn}`}>
          Someone else changed this object. Review your YAML against the YAML tab, then save again.
        </Alert>
      )}
      <FormGroup label={`${label} (YAML)`} fieldId="yaml-text">
        <TextArea
          id="yaml-text"
          value={text}
          onChange={(_e, v) => setText(v)}
          resizeOrientation="vertical"
          rows={Math.min(40, Math.max(12, text.split('\n').length + 2))}
          className="sluice-yaml-input"
          spellCheck={false}
          aria-describedby="yaml-findings"
          data-testid="yaml-input"
        />
      </FormGroup>
      <div id="yaml-findings" aria-live="polite">
        <FindingsList findings={check.findings} testId="local-findings" />
      </div>
      {mutation.error && !(mutation.error instanceof ApiError && mutation.error.code === 'conflict') && <ApiErrorAlert error={mutation.error} />}
      <ActionGroup>
        <Button variant="primary" onClick={handleSave} isDisabled={!dirty || hasErrors(check.findings)} isLoading={mutation.isPending} data-testid="save-yaml">
          Save
        </Button>
        <Button variant="link" onClick={() => setText(original)} isDisabled={!dirty}>
          Revert
        </Button>
      </ActionGroup>
      <ConflictDialog isOpen={conflict} objectName={label} isReapplying={reloading} onReapply={() => void handleReapply()} onDiscard={() => { setConflict(false); setText(original); }} />
    </Form>
  );
}
