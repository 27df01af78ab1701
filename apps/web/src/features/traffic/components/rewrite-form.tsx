import { Form, FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import type { Edit, RewriteSpec, RouteView, VirtualServiceView } from '@sluice/model';
import { FieldError } from '@/components/field-error';
import { useEditBase } from '@/lib/edit-kit/use-edit-base';
import { useVsWriter } from '../hooks/use-vs-writer';
import { routeRefOf } from '../utils/split-rows';
import { RouteFormFooter } from './route-form-footer';

interface Props {
  service: { namespace: string; name: string };
  vs: VirtualServiceView;
  route: RouteView;
}

type PathMode = 'keep' | 'uri' | 'regex';
const valuesOf = (route: RouteView) => ({
  mode: (route.rewrite?.uriRegexRewrite ? 'regex' : route.rewrite?.uri !== undefined ? 'uri' : 'keep') as PathMode,
  uri: route.rewrite?.uri ?? '/',
  match: route.rewrite?.uriRegexRewrite?.match ?? '',
  replacement: route.rewrite?.uriRegexRewrite?.rewrite ?? '',
  authority: route.rewrite?.authority ?? '',
});

/** The rewrite of a forwarding route: the path (a new prefix/path, or an RE2 substitution) and the authority. */
export function RewriteForm({ service, vs, route: latestRoute }: Props) {
  const edit = useEditBase(latestRoute, vs.resourceVersion, valuesOf);
  const route = edit.source;
  const { mode, uri, match, replacement, authority } = edit.values;
  const writer = useVsWriter({ namespace: vs.namespace, name: vs.name }, edit.resourceVersion, service, edit.commit);
  const id = `${vs.name}-${route.index}`;
  const base = `spec.http[${route.index}].rewrite`;
  const spec: RewriteSpec = {
    ...(mode === 'uri' && uri.trim() ? { uri: uri.trim() } : {}),
    ...(mode === 'regex' ? { uriRegexRewrite: { match, rewrite: replacement } } : {}),
    ...(authority.trim() ? { authority: authority.trim() } : {}),
  };
  const problems = mode === 'uri' && !uri.trim() ? ['the new path cannot be empty'] : [];
  const edits: Edit[] | undefined = problems.length
    ? undefined
    : [{ op: 'setRewrite', route: routeRefOf(route), rewrite: Object.keys(spec).length ? spec : null }];

  return (
    <Form
      onSubmit={(e) => e.preventDefault()}
      data-testid="rewrite-form"
      aria-label={`Rewrite for http route ${route.index}`}
    >
      <FormGroup label="Path" fieldId={`rw-mode-${id}`}>
        <FormSelect
          id={`rw-mode-${id}`}
          value={mode}
          onChange={(_e, v) => edit.update({ mode: v as PathMode })}
          data-testid="rewrite-mode"
        >
          <FormSelectOption value="keep" label="Keep the path" />
          <FormSelectOption value="uri" label="Replace the matched prefix (or the whole path)" />
          <FormSelectOption value="regex" label="Substitute with an RE2 regex" />
        </FormSelect>
      </FormGroup>
      {mode === 'uri' && (
        <FormGroup label="New path" fieldId={`rw-uri-${id}`}>
          <TextInput
            id={`rw-uri-${id}`}
            value={uri}
            onChange={(_e, v) => edit.update({ uri: v })}
            data-testid="rewrite-uri"
          />
          <FieldError findings={writer.findings} paths={[`${base}.uri`]} />
        </FormGroup>
      )}
      {mode === 'regex' && (
        <div className="sluice-inline-fields">
          <FormGroup label="Regex (RE2)" fieldId={`rw-match-${id}`}>
            <TextInput
              id={`rw-match-${id}`}
              value={match}
              placeholder="^/canary(/.*)?$"
              onChange={(_e, v) => edit.update({ match: v })}
              data-testid="rewrite-regex"
            />
            <FieldError findings={writer.findings} paths={[`${base}.uriRegexRewrite.match`]} />
          </FormGroup>
          <FormGroup label="Replacement" fieldId={`rw-repl-${id}`}>
            <TextInput
              id={`rw-repl-${id}`}
              value={replacement}
              placeholder="/\1"
              onChange={(_e, v) => edit.update({ replacement: v })}
              data-testid="rewrite-replacement"
            />
            <FieldError findings={writer.findings} paths={[`${base}.uriRegexRewrite.rewrite`]} />
          </FormGroup>
        </div>
      )}
      <FormGroup label="Authority (Host) the destination sees" fieldId={`rw-auth-${id}`}>
        <TextInput
          id={`rw-auth-${id}`}
          value={authority}
          placeholder="keep the request's"
          onChange={(_e, v) => edit.update({ authority: v })}
          data-testid="rewrite-authority"
        />
      </FormGroup>
      <RouteFormFooter
        vs={vs}
        edit={edit}
        writer={writer}
        edits={edits}
        problems={problems}
        previewLabel={`Rewrite on ${vs.namespace}/${vs.name} route ${route.name ? `"${route.name}"` : route.index}`}
        testId="apply-rewrite"
      />
    </Form>
  );
}
