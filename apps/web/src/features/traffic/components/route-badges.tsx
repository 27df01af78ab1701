import { Label, LabelGroup } from '@patternfly/react-core';
import type { RouteView } from '@sluice/model';
import { redirectTarget } from '../utils/route-words';

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
    badges.push({
      text: `redirect ${route.redirect.redirectCode ?? 301} → ${redirectTarget(route.redirect)}`,
      color: 'teal',
    });
  if (route.rewrite) {
    const rw = route.rewrite;
    const to = rw.uri ?? (rw.uriRegexRewrite ? `/${rw.uriRegexRewrite.match}/ → ${rw.uriRegexRewrite.rewrite}` : '');
    badges.push({ text: `rewrite ${to}${rw.authority ? ` authority ${rw.authority}` : ''}`.trim(), color: 'teal' });
  }
  // Header operations on the route and on each destination, one tag per operation kind and side.
  const headerTags = (headers: RouteView['headers'], where: string) => {
    for (const side of ['request', 'response'] as const) {
      const ops = headers?.[side];
      for (const kind of ['set', 'add'] as const) {
        const names = Object.keys(ops?.[kind] ?? {});
        if (names.length) badges.push({ text: `${where}${side} ${kind} ${names.join(', ')}`, color: 'grey' });
      }
      if (ops?.remove?.length) badges.push({ text: `${where}${side} remove ${ops.remove.join(', ')}`, color: 'grey' });
    }
  };
  headerTags(route.headers, '');
  for (const d of route.destinations ?? []) headerTags(d.headers, `${d.destination.subset ?? d.destination.host}: `);
  if (badges.length === 0) return null;
  return (
    <LabelGroup numLabels={8} aria-label="Route features">
      {badges.map((b) => (
        <Label key={b.text} isCompact color={b.color} data-testid="route-badge">
          {b.text}
        </Label>
      ))}
    </LabelGroup>
  );
}
