import { Router } from 'express';
import { API_ROUTES, routerPath, versionHealthSchema, type VersionHealthView } from '@sluice/model';
import { notFound } from '../errors/app-error';
import type { AppDeps } from './deps';
import { parseInput } from './parse-input';

/*
 * Demo-only controls of the simulated data plane: GET/PUT
 * /api/demo/namespaces/:ns/apps/:app/versions/:version/health. Outside demo mode (a real cluster,
 * or no simulator) every path here is 404: a real mesh's workloads are not Sluice's to break.
 */

export function demoRouter(deps: AppDeps): Router {
  const router = Router();
  const path = routerPath(API_ROUTES.demoVersionHealth);

  const target = (params: Record<string, string>) => {
    const demo = deps.demo;
    if (!demo) throw notFound('demo controls (the server is not in demo mode)');
    const { ns = '', app = '', version = '' } = params;
    const known = deps.store
      .snapshot()
      .workloads.some((w) => w.namespace === ns && (w.labels.app ?? w.name) === app && w.labels.version === version);
    if (!known)
      throw notFound(`version "${version}" of app "${app}" in namespace "${ns}" (no workload has those labels)`);
    return { demo, ns, app, version };
  };
  const view = (t: ReturnType<typeof target>): VersionHealthView => ({
    namespace: t.ns,
    app: t.app,
    version: t.version,
    ...t.demo.versionHealth(t.ns, t.app, t.version),
  });

  router.get(path, (req, res) => {
    res.json(view(target(req.params)));
  });
  router.put(path, (req, res) => {
    const t = target(req.params);
    const health = parseInput(versionHealthSchema, req.body ?? {}, 'body');
    t.demo.setVersionHealth(t.ns, t.app, t.version, health);
    deps.logger.info(
      { audit: true, action: 'demo.health', ...view(t) },
      `demo health of ${t.ns}/${t.app}@${t.version}`,
    );
    res.json(view(t));
  });
  return router;
}
