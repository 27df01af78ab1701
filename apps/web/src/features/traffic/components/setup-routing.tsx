import { useState } from 'react';
import {
  Button,
  Card,
  CardBody,
  CardTitle,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Spinner,
} from '@patternfly/react-core';
import { useQueryClient } from '@tanstack/react-query';
import { stringify } from 'yaml';
import { invalidateAfterConfigWrite } from '@/lib/query-keys';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { useToast } from '@/components/toaster';
import { useCreateRouting, usePreviewRouting } from '../api/create-routing';

interface SetupRoutingProps {
  namespace: string;
  service: string;
  versions: string[];
  compact?: boolean;
  /** From the services list: whether setting up can work here, and if not, why (the API's answer). */
  availability?: { available: boolean; reason?: string | undefined } | undefined;
}

/**
 * For a service without routing: a DestinationRule with one subset per version label and one
 * weighted VirtualService. The button opens a preview of the two objects (the API's dry run) and
 * creates them only on confirmation; where the API says it cannot work, the reason is shown instead.
 */
export function SetupRouting({ namespace, service, versions, compact = false, availability }: SetupRoutingProps) {
  const [isOpen, setOpen] = useState(false);
  const preview = usePreviewRouting();
  const handleOpen = () => {
    setOpen(true);
    preview.mutate({ ns: namespace, service });
  };
  const blocked = availability?.available === false;

  const button = blocked ? (
    <span className="sluice-muted" data-testid="setup-routing-unavailable">
      Not available: {availability?.reason}
    </span>
  ) : (
    <Button
      variant={compact ? 'secondary' : 'primary'}
      size={compact ? 'sm' : 'default'}
      onClick={handleOpen}
      data-testid="setup-routing"
      aria-label={compact ? `Set up traffic management for ${service}` : undefined}
    >
      Set up traffic management
    </Button>
  );
  return (
    <>
      {compact ? (
        button
      ) : (
        <Card data-testid="setup-routing-card">
          <CardTitle>No routing for this service yet</CardTitle>
          <CardBody>
            <p>
              Sluice will create a DestinationRule with one subset per version (
              {versions.join(', ') || 'no version labels found'}) and a VirtualService whose weights follow the replica
              counts, so nothing moves until you shift traffic with the sliders. You will see both objects before
              anything is created.
            </p>
            <div style={{ marginTop: 12 }}>{button}</div>
          </CardBody>
        </Card>
      )}
      {isOpen && (
        <SetupRoutingModal
          namespace={namespace}
          service={service}
          preview={preview}
          onClose={() => {
            setOpen(false);
            preview.reset();
          }}
        />
      )}
    </>
  );
}

function SetupRoutingModal({
  namespace,
  service,
  preview,
  onClose,
}: {
  namespace: string;
  service: string;
  preview: ReturnType<typeof usePreviewRouting>;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const notify = useToast();
  const create = useCreateRouting();
  const planned = preview.data;

  const handleCreate = () =>
    create.mutate(
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
          onClose();
        },
      },
    );

  return (
    <Modal
      isOpen
      onClose={onClose}
      variant="medium"
      aria-labelledby="setup-routing-title"
      data-testid="setup-routing-modal"
    >
      <ModalHeader title={`Set up traffic management for ${namespace}/${service}`} labelId="setup-routing-title" />
      <ModalBody>
        {preview.isPending && <Spinner size="md" aria-label="Preparing the preview" />}
        {preview.error && <ApiErrorAlert error={preview.error} title="Traffic management cannot be set up here" />}
        {planned && (
          <>
            <p>These two objects will be created together (both or neither):</p>
            {[planned.destinationRule, planned.virtualService].map((o) => (
              <section key={o.kind} aria-label={`${o.kind} ${o.metadata.name}`}>
                <h3 className="sluice-subhead">
                  {o.kind} {namespace}/{o.metadata.name}
                </h3>
                <pre className="sluice-diff" data-testid={`setup-preview-${o.kind}`}>
                  {stringify(o)}
                </pre>
              </section>
            ))}
          </>
        )}
        {create.error && <ApiErrorAlert error={create.error} />}
      </ModalBody>
      <ModalFooter>
        <Button
          variant="primary"
          onClick={handleCreate}
          isDisabled={!planned}
          isLoading={create.isPending}
          data-testid="setup-routing-confirm"
        >
          Create both
        </Button>
        <Button variant="link" onClick={onClose}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}
