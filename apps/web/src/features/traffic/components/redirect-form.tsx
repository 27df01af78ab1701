import { Form, FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import { REDIRECT_CODES, type Edit, type RedirectSpec, type RouteView, type VirtualServiceView } from '@sluice/model';
import { FieldError } from '@/components/field-error';
import { useEditBase } from '@/lib/edit-kit/use-edit-base';
import { useVsWriter } from '../hooks/use-vs-writer';
import { routeRefOf } from '../utils/split-rows';
import { RouteFormFooter } from './route-form-footer';

export interface RedirectValues {
  uri: string;
  authority: string;
  port: string;
  scheme: string;
  code: string;
}

export const redirectValues = (r: RouteView['redirect']): RedirectValues => ({
  uri: r?.uri ?? '',
  authority: r?.authority ?? '',
  port: r?.port === undefined ? '' : String(r.port),
  scheme: r?.scheme ?? '',
  code: String(r?.redirectCode ?? 301),
});

/** The redirect spec typed into the fields, or the problem with them. */
export function redirectSpec(v: RedirectValues): { spec?: RedirectSpec; problems: string[] } {
  const port = v.port.trim() === '' ? undefined : Number(v.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535))
    return { problems: ['port must be a whole number from 1 to 65535'] };
  const spec: RedirectSpec = {
    ...(v.uri.trim() ? { uri: v.uri.trim() } : {}),
    ...(v.authority.trim() ? { authority: v.authority.trim() } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(v.scheme ? { scheme: v.scheme } : {}),
    ...(v.code !== '301' ? { redirectCode: Number(v.code) } : {}),
  };
  return Object.keys(spec).length
    ? { spec, problems: [] }
    : { problems: ['say where to redirect: path, host, port or scheme'] };
}

/** The fields of a redirect; shared by the redirect tab and the "add a route" form. */
export function RedirectFields({
  id,
  values,
  onChange,
  findings = [],
  base = '',
}: {
  id: string;
  values: RedirectValues;
  onChange: (patch: Partial<RedirectValues>) => void;
  findings?: Parameters<typeof FieldError>[0]['findings'];
  base?: string;
}) {
  return (
    <div className="sluice-inline-fields">
      <FormGroup label="Redirect path" fieldId={`rd-uri-${id}`}>
        <TextInput
          id={`rd-uri-${id}`}
          value={values.uri}
          placeholder="keep the path"
          onChange={(_e, v) => onChange({ uri: v })}
          data-testid="redirect-uri"
        />
        <FieldError findings={findings} paths={[`${base}.uri`]} />
      </FormGroup>
      <FormGroup label="Redirect host" fieldId={`rd-auth-${id}`}>
        <TextInput
          id={`rd-auth-${id}`}
          value={values.authority}
          placeholder="keep the host"
          onChange={(_e, v) => onChange({ authority: v })}
          data-testid="redirect-authority"
        />
      </FormGroup>
      <FormGroup label="Redirect port" fieldId={`rd-port-${id}`}>
        <TextInput
          id={`rd-port-${id}`}
          value={values.port}
          inputMode="numeric"
          placeholder="keep"
          onChange={(_e, v) => onChange({ port: v })}
          data-testid="redirect-port"
        />
        <FieldError findings={findings} paths={[`${base}.port`]} />
      </FormGroup>
      <FormGroup label="Scheme" fieldId={`rd-scheme-${id}`}>
        <FormSelect
          id={`rd-scheme-${id}`}
          value={values.scheme}
          onChange={(_e, v) => onChange({ scheme: v })}
          data-testid="redirect-scheme"
        >
          <FormSelectOption value="" label="keep the request's" />
          <FormSelectOption value="http" label="http" />
          <FormSelectOption value="https" label="https" />
        </FormSelect>
      </FormGroup>
      <FormGroup label="Status" fieldId={`rd-code-${id}`}>
        <FormSelect
          id={`rd-code-${id}`}
          value={values.code}
          onChange={(_e, v) => onChange({ code: v })}
          data-testid="redirect-code"
        >
          {REDIRECT_CODES.map((c) => (
            <FormSelectOption key={c} value={String(c)} label={String(c)} />
          ))}
        </FormSelect>
        <FieldError findings={findings} paths={[`${base}.redirectCode`]} />
      </FormGroup>
    </div>
  );
}

interface Props {
  service: { namespace: string; name: string };
  vs: VirtualServiceView;
  route: RouteView;
}

/** Where a redirect route sends the caller: the source proxy answers with this Location. */
export function RedirectForm({ service, vs, route: latestRoute }: Props) {
  const edit = useEditBase(latestRoute, vs.resourceVersion, (r) => redirectValues(r.redirect));
  const route = edit.source;
  const writer = useVsWriter({ namespace: vs.namespace, name: vs.name }, edit.resourceVersion, service, edit.commit);
  const { spec, problems } = redirectSpec(edit.values);
  const edits: Edit[] | undefined = spec
    ? [{ op: 'setRedirect', route: routeRefOf(route), redirect: spec }]
    : undefined;
  return (
    <Form
      onSubmit={(e) => e.preventDefault()}
      data-testid="redirect-form"
      aria-label={`Redirect for http route ${route.index}`}
    >
      <RedirectFields
        id={`${vs.name}-${route.index}`}
        values={edit.values}
        onChange={edit.update}
        findings={writer.findings}
        base={`spec.http[${route.index}].redirect`}
      />
      <RouteFormFooter
        vs={vs}
        edit={edit}
        writer={writer}
        edits={edits}
        problems={problems}
        previewLabel={`Redirect on ${vs.namespace}/${vs.name} route ${route.name ? `"${route.name}"` : route.index}`}
        testId="apply-redirect"
      />
    </Form>
  );
}
