import { lazy, Suspense, useMemo, useState } from 'react';
import { ActionGroup, Alert, Button, Form, FormGroup, Spinner } from '@patternfly/react-core';
import { useQueryClient } from '@tanstack/react-query';
import { hasErrors, unifiedDiff, type IstioObject } from '@sluice/model';
import { ApiError } from '@/lib/api-client';
import { invalidateAfterConfigWrite } from '@/lib/query-keys';
import { useEditBase } from '@/lib/edit-kit/use-edit-base';
import { ApiErrorAlert, describeError } from '@/components/api-error-alert';
import { ConflictDialog } from '@/components/conflict-dialog';
import { FindingsList } from '@/components/findings-list';
import { StaleBaseWarning } from '@/components/stale-base-warning';
import { useToast } from '@/components/toaster';
import { YamlDiff } from '@/components/yaml-diff';
import { istioObjectQueryOptions, type ObjectRef } from '../api/get-istio-object';
import { useReplaceIstioObject } from '../api/replace-istio-object';
import { checkYaml, toYaml, withResourceVersion } from '../utils/yaml-check';
import { positionFindings } from '../utils/yaml-positions';

// CodeMirror is a chunk of its own, fetched when an editor first opens (decision 66).
const YamlCodeEditor = lazy(() => import('./yaml-code-editor'));

/**
 * Edits the object as YAML. Validation runs in the browser on every change (syntax and field rules)
 * and Save stays disabled while there are errors; the server validates again, with the whole mesh.
 * The text follows the stored object until the user edits it; then it keeps its resourceVersion, so
 * someone else's change in between is a 409, never silently overwritten.
 */
export function YamlEditor({ objectRef, object }: { objectRef: ObjectRef; object: IstioObject }) {
  const edit = useEditBase(object, object.metadata.resourceVersion ?? '', toYaml);
  const text = edit.values;
  const [rebasedOn, setRebasedOn] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const client = useQueryClient();
  const notify = useToast();
  const mutation = useReplaceIstioObject();
  const check = useMemo(() => checkYaml(text), [text]);
  const placed = useMemo(() => positionFindings(text, check.findings), [text, check.findings]);
  // What Save would store: the server keeps the parsed object, so the diff is of the object as YAML.
  const saveDiff = useMemo(
    () =>
      edit.dirty && check.object !== undefined
        ? unifiedDiff(toYaml(edit.source), toYaml(check.object), 'stored', 'after Save')
        : '',
    [edit.dirty, edit.source, check.object],
  );
  // After a 409: what Save would now change in the stored object, the other person's change included.
  const stored = useMemo(() => (rebasedOn ? toYaml(edit.source) : ''), [rebasedOn, edit.source]);
  const overStored = useMemo(
    () => (rebasedOn ? unifiedDiff(stored, text, `stored (resourceVersion ${rebasedOn})`, 'your edit') : ''),
    [rebasedOn, stored, text],
  );
  const label = `${object.kind} ${objectRef.namespace}/${objectRef.name}`;

  const handleSave = () =>
    mutation.mutate(
      { ref: objectRef, yaml: text },
      {
        onSuccess: (saved) => {
          setRebasedOn(null);
          edit.commit(saved.metadata.resourceVersion);
          notify({
            variant: 'success',
            title: `Saved ${label}`,
            description: `Now at resourceVersion ${saved.metadata.resourceVersion ?? '?'}.`,
          });
          invalidateAfterConfigWrite(client);
        },
        onError: (err) => {
          if (err instanceof ApiError && err.isStale) return setConflict(true);
          notify({ variant: 'danger', title: describeError(err).title, description: describeError(err).message });
        },
      },
    );

  // Re-bases the text on the latest version for review; nothing is saved until the user clicks Save.
  const handleReapply = async () => {
    setReloading(true);
    try {
      const latest = await client.fetchQuery({ ...istioObjectQueryOptions(objectRef), staleTime: 0 });
      const rv = latest.metadata.resourceVersion ?? '';
      edit.rebase(latest, rv, withResourceVersion(text, rv));
      setRebasedOn(rv);
      mutation.reset();
    } finally {
      setReloading(false);
      setConflict(false);
    }
  };

  const discard = () => {
    setRebasedOn(null);
    edit.discard();
  };

  return (
    <Form onSubmit={(e) => e.preventDefault()} data-testid="yaml-editor">
      <StaleBaseWarning
        edit={{ stale: edit.stale, discard }}
        isPending={mutation.isPending}
        kind={object.kind}
        action="Save"
        then="reload and compare"
      />
      {rebasedOn && (
        <Alert
          variant="info"
          isInline
          title={`Your edit is now based on resourceVersion ${rebasedOn}`}
          data-testid="conflict-review"
        >
          Someone else changed this object. The diff shows what Save would change in the version stored now: lines
          marked - are stored (the other change among them) and would be removed or replaced by yours. Carry over what
          should stay, then save again.
          {overStored ? (
            <YamlDiff diff={overStored} testId="conflict-diff" />
          ) : (
            <p>Your YAML is the same as the stored version.</p>
          )}
        </Alert>
      )}
      <FormGroup label={`${label} (YAML)`} fieldId="yaml-text">
        <Suspense fallback={<Spinner size="lg" aria-label="Loading the YAML editor" />}>
          <YamlCodeEditor
            value={text}
            onChange={edit.setValues}
            findings={placed}
            ariaLabel={`${label} (YAML)`}
            describedBy="yaml-findings"
          />
        </Suspense>
      </FormGroup>
      <div id="yaml-findings" aria-live="polite">
        <FindingsList
          findings={placed.map(({ from: _f, to: _t, line, ...f }) => ({ ...f, path: `line ${line}: ${f.path}` }))}
          testId="local-findings"
        />
      </div>
      {saveDiff && !rebasedOn && (
        <section aria-label="YAML diff of this change" data-testid="yaml-save-preview">
          <h4 className="sluice-subhead">What Save will write</h4>
          <YamlDiff diff={saveDiff} />
        </section>
      )}
      {mutation.error && !(mutation.error instanceof ApiError && mutation.error.isStale) && (
        <ApiErrorAlert error={mutation.error} />
      )}
      <ActionGroup>
        <Button
          variant="primary"
          onClick={handleSave}
          isDisabled={!edit.dirty || hasErrors(check.findings)}
          isLoading={mutation.isPending}
          data-testid="save-yaml"
        >
          Save
        </Button>
        <Button variant="link" onClick={discard} isDisabled={!edit.dirty && !edit.stale}>
          Revert
        </Button>
      </ActionGroup>
      <ConflictDialog
        isOpen={conflict}
        objectName={label}
        isReapplying={reloading}
        reapplyLabel="Reload and compare"
        message="Reload the latest version to compare it with your YAML (nothing is saved until you click Save again), or discard your change."
        onReapply={() => void handleReapply()}
        onDiscard={() => {
          setConflict(false);
          discard();
        }}
      />
    </Form>
  );
}
