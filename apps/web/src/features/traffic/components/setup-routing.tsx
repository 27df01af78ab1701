import { Button, Card, CardBody, CardTitle } from '@patternfly/react-core';
import { useQueryClient } from '@tanstack/react-query';
import { invalidateAfterConfigWrite } from '@/lib/query-keys';
import { ApiErrorAlert, describeError } from '@/components/api-error-alert';
import { useToast } from '@/components/toaster';
import { useCreateRouting } from '../api/create-routing';

/** For a service without routing: create DestinationRule subsets from version labels plus one weighted VirtualService. */
export function SetupRouting({
  namespace,
  service,
  versions,
  compact = false,
}: {
  namespace: string;
  service: string;
  versions: string[];
  compact?: boolean;
}) {
  const client = useQueryClient();
  const notify = useToast();
  const mutation = useCreateRouting();

  const handleCreate = () =>
    mutation.mutate(
      { ns: namespace, service },
      {
        onSuccess: (res) => {
          const subsets = (res.destinationRule.spec.subsets ?? []).map((s) => s.name).join(', ');
          notify({
            variant: 'success',
            title: `Traffic management set up for ${namespace}/${service}`,
            description: `Created DestinationRule ${res.destinationRule.metadata.name} (subsets ${subsets || 'none'}) and VirtualService ${res.virtualService.metadata.name}.`,
          });
          invalidateAfterConfigWrite(client);
        },
        onError: (err) =>
          notify({
            variant: 'danger',
            ...{ title: describeError(err).title, description: describeError(err).message },
          }),
      },
    );

  const button = (
    <Button
      variant={compact ? 'secondary' : 'primary'}
      size={compact ? 'sm' : 'default'}
      onClick={handleCreate}
      isLoading={mutation.isPending}
      data-testid="setup-routing"
    >
      Set up traffic management
    </Button>
  );
  if (compact) return button;
  return (
    <Card data-testid="setup-routing-card">
      <CardTitle>No routing for this service yet</CardTitle>
      <CardBody>
        <p>
          Sluice will create a DestinationRule with one subset per version (
          {versions.join(', ') || 'no version labels found'}) and a VirtualService that sends 100% to the first, so
          traffic can then be shifted with the sliders.
        </p>
        <div style={{ marginTop: 12 }}>{button}</div>
        {mutation.error && <ApiErrorAlert error={mutation.error} />}
      </CardBody>
    </Card>
  );
}
