import { Label } from '@patternfly/react-core';
import { CheckCircleIcon, ExclamationCircleIcon, ExclamationTriangleIcon } from '@patternfly/react-icons';
import type { Finding } from '@sluice/model';

/** A compact validation status: errors win over warnings; none is a green check. */
export function FindingsBadge({ findings }: { findings: Finding[] }) {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (errors)
    return (
      <Label isCompact color="red" icon={<ExclamationCircleIcon />} data-testid="findings-badge" data-severity="error">
        {errors} error{errors > 1 ? 's' : ''}
        {warnings ? `, ${warnings} warning${warnings > 1 ? 's' : ''}` : ''}
      </Label>
    );
  if (warnings)
    return (
      <Label
        isCompact
        color="orange"
        icon={<ExclamationTriangleIcon />}
        data-testid="findings-badge"
        data-severity="warning"
      >
        {warnings} warning{warnings > 1 ? 's' : ''}
      </Label>
    );
  return (
    <Label isCompact color="green" icon={<CheckCircleIcon />} data-testid="findings-badge" data-severity="ok">
      valid
    </Label>
  );
}
