import { Form } from '@patternfly/react-core';
import type { Edit, RouteView, VirtualServiceView } from '@sluice/model';
import { findingsAt } from '@/components/findings-list';
import { useEditBase } from '@/lib/edit-kit/use-edit-base';
import { useVsWriter } from '../hooks/use-vs-writer';
import { blockRows, matchSpec } from '../utils/match-rows';
import { routeRefOf } from '../utils/split-rows';
import { MatchBlocksEditor } from './match-blocks-editor';
import { RouteFormFooter } from './route-form-footer';

interface Props {
  service: { namespace: string; name: string };
  vs: VirtualServiceView;
  route: RouteView;
}

/** The route's match conditions, in Istio's full grammar; no conditions means "every request that reaches it". */
export function MatchForm({ service, vs, route: latestRoute }: Props) {
  const edit = useEditBase(latestRoute, vs.resourceVersion, (r) => (r.match ?? []).map(blockRows));
  const route = edit.source;
  const writer = useVsWriter({ namespace: vs.namespace, name: vs.name }, edit.resourceVersion, service, edit.commit);
  const { spec, problems } = matchSpec(edit.values);
  const edits: Edit[] | undefined = problems.length
    ? undefined
    : [{ op: 'setMatch', route: routeRefOf(route), match: spec }];
  const matchFindings = findingsAt(writer.findings, `spec.http[${route.index}].match`);
  return (
    <Form
      onSubmit={(e) => e.preventDefault()}
      data-testid="match-form"
      aria-label={`Match conditions for http route ${route.index}`}
    >
      <MatchBlocksEditor id={`${vs.name}-${route.index}`} blocks={edit.values} onChange={edit.setValues} />
      {matchFindings.map((f) => (
        <p key={f.path + f.code} className="sluice-error" data-testid="field-error">
          {f.path}: {f.message}
        </p>
      ))}
      <RouteFormFooter
        vs={vs}
        edit={edit}
        writer={writer}
        edits={edits}
        problems={problems.map((p) => `${p.at}: ${p.message}`)}
        previewLabel={`Match conditions of ${vs.namespace}/${vs.name} route ${route.name ? `"${route.name}"` : route.index}`}
        testId="apply-match"
      />
    </Form>
  );
}
