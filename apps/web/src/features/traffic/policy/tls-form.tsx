import {
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  TextInput,
} from '@patternfly/react-core';
import type { ClientTls, TrafficPolicy } from '@sluice/model';
import { FieldError } from '@/components/field-error';
import { policyAt, policyEdit, type PolicyFormProps } from './policy-level';
import { PolicyFormFooter } from './policy-form-footer';
import { usePolicyForm } from './use-policy-form';

/* How the calling proxy speaks TLS to the destination (DestinationRule tls). */

type Mode = '' | ClientTls['mode'];
interface Values {
  mode: Mode;
  credentialName: string;
  sni: string;
}

const MODES: { value: Mode; label: string; help: string }[] = [
  { value: '', label: 'Not set', help: 'Istio decides: mesh mTLS to pods with a sidecar (auto mTLS).' },
  { value: 'ISTIO_MUTUAL', label: 'Istio mutual TLS', help: "The mesh's own certificates; nothing else to set." },
  { value: 'DISABLE', label: 'Plain text', help: 'No TLS; a destination requiring mTLS will refuse it.' },
  { value: 'SIMPLE', label: 'TLS (server certificate only)', help: 'For a destination outside the mesh serving TLS.' },
  {
    value: 'MUTUAL',
    label: 'Mutual TLS with your certificates',
    help: 'Name a Secret with the client certificate and key.',
  },
];

const valuesOf = (p: TrafficPolicy): Values => ({
  mode: p.tls?.mode ?? '',
  credentialName: p.tls?.credentialName ?? '',
  sni: p.tls?.sni ?? '',
});

function buildTls(stored: TrafficPolicy, v: Values): ClientTls | null {
  if (v.mode === '') return null;
  if (v.mode === 'ISTIO_MUTUAL' || v.mode === 'DISABLE') return { mode: v.mode };
  const { mode: _m, credentialName: _c, sni: _s, ...kept } = stored.tls ?? { mode: v.mode };
  const credentialName = v.credentialName.trim();
  const sni = v.sni.trim();
  return { ...kept, mode: v.mode, ...(credentialName ? { credentialName } : {}), ...(sni ? { sni } : {}) };
}

export function TlsForm({ dr, level, onDirtyChange }: PolicyFormProps) {
  const form = usePolicyForm(dr, level, valuesOf, onDirtyChange);
  const { edit, writer, base } = form;
  const v = edit.values;
  const edits = [policyEdit(level, { tls: buildTls(policyAt(edit.source, level), v) })];
  const id = (f: string) => `tls-${level ?? 'host'}-${f}`;
  return (
    <Form onSubmit={(e) => e.preventDefault()} data-testid="tls-form" aria-label="TLS">
      <FormGroup label="TLS mode" fieldId={id('mode')}>
        <FormSelect
          id={id('mode')}
          value={v.mode}
          onChange={(_e, mode) => edit.update({ mode: mode as Mode })}
          data-testid="tls-mode"
        >
          {MODES.map((m) => (
            <FormSelectOption key={m.value} value={m.value} label={m.label} />
          ))}
        </FormSelect>
        <FormHelperText>
          <HelperText>
            <HelperTextItem>{MODES.find((m) => m.value === v.mode)?.help}</HelperTextItem>
          </HelperText>
        </FormHelperText>
        <FieldError findings={writer.findings} paths={[`${base}.tls`]} />
      </FormGroup>
      {(v.mode === 'SIMPLE' || v.mode === 'MUTUAL') && (
        <div className="sluice-inline-fields">
          <FormGroup label="Credential (Secret name)" fieldId={id('credential')}>
            <TextInput
              id={id('credential')}
              value={v.credentialName}
              onChange={(_e, credentialName) => edit.update({ credentialName })}
            />
          </FormGroup>
          <FormGroup label="SNI" fieldId={id('sni')}>
            <TextInput id={id('sni')} value={v.sni} onChange={(_e, sni) => edit.update({ sni })} />
          </FormGroup>
        </div>
      )}
      <PolicyFormFooter form={form} edits={edits} label="Apply TLS mode" testId="apply-tls" />
    </Form>
  );
}
