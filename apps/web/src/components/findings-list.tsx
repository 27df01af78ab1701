import { Label, List, ListItem } from '@patternfly/react-core';
import type { Finding } from '@sluice/model';

const COLOR = { error: 'red', warning: 'orange', info: 'blue' } as const;

/** Validation findings with their paths, so the operator can find the field in the YAML. */
export function FindingsList({ findings, testId = 'findings' }: { findings: Finding[]; testId?: string }) {
  if (findings.length === 0) return null;
  return (
    <List isPlain data-testid={testId} aria-label="Validation findings">
      {findings.map((f, i) => (
        <ListItem key={`${f.path}-${f.code}-${i}`} data-testid="finding" data-severity={f.severity}>
          <Label isCompact color={COLOR[f.severity]}>
            {f.severity}
          </Label>{' '}
          <code>{f.path}</code> {f.message} <small className="sluice-muted">({f.code})</small>
        </ListItem>
      ))}
    </List>
  );
}

/** The findings whose path starts with one of the prefixes: how a form puts 422s next to its fields. */
export function findingsAt(findings: Finding[], ...prefixes: string[]): Finding[] {
  return findings.filter((f) =>
    prefixes.some((p) => f.path === p || f.path.startsWith(`${p}.`) || f.path.startsWith(`${p}[`)),
  );
}
