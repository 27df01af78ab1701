import {
  CodeBlock,
  CodeBlockCode,
  Label,
  LabelGroup,
  PageSection,
  Stack,
  StackItem,
  Tab,
  Tabs,
  TabTitleText,
  Title,
} from '@patternfly/react-core';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { FindingsList } from '@/components/findings-list';
import { QueryState } from '@/components/page-state';
import { useGlobalLink } from '@/lib/url-state';
import { useIstioObject } from '../api/get-istio-object';
import { useIstioObjects } from '../api/list-istio-objects';
import { toYaml } from '../utils/yaml-check';
import { FindingsBadge } from './findings-badge';
import { YamlEditor } from './yaml-editor';

/** /namespaces/:ns/istio/:kind/:name — one object: findings, YAML, and YAML editing (tab in the URL). */
export default function ConfigDetailPage() {
  const { ns = '', kind = '', name = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const ref = { namespace: ns, plural: kind, name };
  const query = useIstioObject(ref);
  const list = useIstioObjects([ns]);
  const link = useGlobalLink();
  const findings =
    list.data?.items.find(
      (i) =>
        i.object.metadata.name === name && i.object.metadata.namespace === ns && query.data?.kind === i.object.kind,
    )?.findings ?? [];
  const tab = search.get('tab') ?? 'yaml';
  const hosts =
    query.data?.kind === 'VirtualService'
      ? (query.data.spec.hosts ?? [])
      : query.data?.kind === 'DestinationRule'
        ? [query.data.spec.host]
        : query.data?.kind === 'HTTPRoute' || query.data?.kind === 'GRPCRoute'
          ? (query.data.spec.hostnames ?? [])
          : [];

  return (
    <PageSection>
      <QueryState isPending={query.isPending} error={query.error}>
        {() =>
          query.data && (
            <Stack hasGutter>
              <StackItem>
                <Title headingLevel="h1" data-testid="config-title">
                  {query.data.kind} {name} <span className="sluice-muted">in {ns}</span>
                </Title>
                <LabelGroup numLabels={8} aria-label="Object facts">
                  <FindingsBadge findings={findings} />
                  <Label isCompact variant="outline">
                    resourceVersion {query.data.metadata.resourceVersion ?? '?'}
                  </Label>
                  {hosts.map((h) => (
                    <Label key={h} isCompact variant="outline">
                      <Link to={link(`/namespaces/${ns}/services/${h.split('.')[0]}`)}>host {h}</Link>
                    </Label>
                  ))}
                </LabelGroup>
              </StackItem>
              {findings.length > 0 && (
                <StackItem>
                  <FindingsList findings={findings} />
                </StackItem>
              )}
              <StackItem>
                <Tabs
                  activeKey={tab}
                  onSelect={(_e, k) =>
                    setSearch(
                      (p) => {
                        const n = new URLSearchParams(p);
                        n.set('tab', String(k));
                        return n;
                      },
                      { replace: true },
                    )
                  }
                  aria-label="Object views"
                  mountOnEnter
                  unmountOnExit
                >
                  <Tab eventKey="yaml" title={<TabTitleText>YAML</TabTitleText>} data-testid="tab-yaml">
                    <CodeBlock className="sluice-tab-body">
                      <CodeBlockCode data-testid="yaml-view">{toYaml(query.data)}</CodeBlockCode>
                    </CodeBlock>
                  </Tab>
                  <Tab eventKey="edit" title={<TabTitleText>Edit YAML</TabTitleText>} data-testid="tab-edit">
                    <div className="sluice-tab-body">
                      <YamlEditor objectRef={ref} object={query.data} />
                    </div>
                  </Tab>
                </Tabs>
              </StackItem>
            </Stack>
          )
        }
      </QueryState>
    </PageSection>
  );
}
