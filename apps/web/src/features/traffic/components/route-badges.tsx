import { Label, LabelGroup } from '@patternfly/react-core';
import type { RouteView } from '@sluice/model';

/** What a route does besides splitting, at a glance. */
export function RouteBadges({ route }: { route: RouteView }) {
  const badges: { text: string; color: 'red' | 'orange' | 'purple' | 'blue' | 'teal' | 'grey' }[] = [];
  if (route.fault?.delay) badges.push({ text: `delay ${route.fault.delay.fixedDelay ?? ''}`, color: 'orange' });
  if (route.fault?.abort) badges.push({ text: `abort ${route.fault.abort.httpStatus ?? ''}`, color: 'red' });
  for (const m of route.mirrors)
    badges.push({ text: `mirror ${m.percent}% → ${m.destination.subset ?? m.destination.host}`, color: 'purple' });
  if (route.timeout) badges.push({ text: `timeout ${route.timeout}`, color: 'blue' });
  if (route.retries)
    badges.push({
      text: `retries ${route.retries.attempts ?? ''}${route.retries.perTryTimeout ? ` × ${route.retries.perTryTimeout}` : ''}`,
      color: 'blue',
    });
  if (route.redirect)
    badges.push({ text: `redirect ${route.redirect.authority ?? ''}${route.redirect.uri ?? ''}`, color: 'teal' });
  if (route.rewrite) badges.push({ text: `rewrite ${route.rewrite.uri ?? ''}`, color: 'teal' });
  if (badges.length === 0) return null;
  return (
    <LabelGroup numLabels={6} aria-label="Route features">
      {badges.map((b) => (
        <Label key={b.text} isCompact color={b.color}>
          {b.text}
        </Label>
      ))}
    </LabelGroup>
  );
}
