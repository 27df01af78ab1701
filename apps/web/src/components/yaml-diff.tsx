/** A unified diff, coloured by line, as the API returns it for dry runs. */
export function YamlDiff({ diff, testId = 'yaml-diff' }: { diff: string; testId?: string }) {
  const lines = diff.split('\n').filter((l) => !l.startsWith('---') && !l.startsWith('+++'));
  if (lines.every((l) => !l.startsWith('+') && !l.startsWith('-'))) {
    return (
      <p className="sluice-muted" data-testid={testId}>
        No changes.
      </p>
    );
  }
  return (
    <pre className="sluice-diff" data-testid={testId} aria-label="YAML diff">
      {lines.map((line, i) => {
        const cls = line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('@@') ? 'hunk' : '';
        return (
          <span key={i} className={cls}>
            {line}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}
