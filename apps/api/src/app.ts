import express, { Router, type Express } from 'express';
import { createAuditLog } from './audit/audit-log';
import { requireSession } from './auth/require-session';
import { sessionRouter } from './http/session-router';
import { apiNotFound, errorMiddleware } from './errors/error-middleware';
import { compress } from './http/compress';
import { createTrafficTicker } from './events/traffic-ticker';
import type { AppDeps } from './http/deps';
import { demoRouter } from './http/demo-router';
import { eventsRouter } from './http/events-router';
import { graphRouter } from './http/graph-router';
import { graphPreviewRouter } from './http/graph-preview-router';
import { healthRouter } from './http/health-router';
import { meshRouter } from './http/mesh-router';
import { metricsOverTimeRouter } from './http/metrics-over-time-router';
import { openApiRouter } from './http/openapi-router';
import { createTrafficReader } from './traffic/read-traffic';
import { refuseWrites } from './http/read-only';
import { serviceTrafficRouter } from './http/service-traffic-router';
import { staticFiles } from './http/static-files';
import { writeRouter } from './http/write-router';
import { rolloutRouter, type RolloutAppDeps } from './http/rollout-router';
import { probesRouter, type Lifecycle } from './http/probes-router';
import { createMetrics } from './observability/metrics';
import { metricsRouter } from './observability/metrics-router';
import { observeRequests } from './observability/observe-requests';
import { requestContext } from './observability/request-context';
import { securityHeaders } from './security/headers';
import { hostGuard } from './security/host-guard';

export type { AppDeps } from './http/deps';

/**
 * The Express app with a hook for graceful shutdown: readiness turns 503, SSE streams end, the rollout
 * driver stops; the promise resolves once a driver pass in progress has finished its writes.
 */
export type SluiceApp = Express & { shutdown(): Promise<void> };

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

/** Everything the API serves, wired to its dependencies; listening is server.ts's job (tests use port 0). */
export function createApp(given: AppDeps): SluiceApp {
  const deps: AppDeps = { ...given, audit: given.audit ?? createAuditLog(given.clock) };
  const app = express();
  app.disable('x-powered-by');
  // Which proxy to believe decides req.secure (Secure cookies) and req.ip (rate limits, logs).
  app.set('trust proxy', deps.config.trustProxy ?? false);
  // Observability first: request id (in every log line, refusals included) and duration by route.
  const metrics = deps.metrics ?? createMetrics();
  const lifecycle: Lifecycle = { draining: false };
  app.use(requestContext());
  app.use(observeRequests(metrics, deps.logger));
  // Then the guards, so /metrics and everything after them answer only to allowed hosts (addresses are).
  app.use(securityHeaders());
  app.use(hostGuard({ allowedHosts: deps.config.allowedHosts ?? [] }));
  app.use(metricsRouter(metrics));
  app.use(compress());
  const readTraffic = createTrafficReader(deps.traffic, deps.logger);
  const ticker = createTrafficTicker(deps.trafficIntervalMs ?? 2000);
  const events = eventsRouter(deps, ticker);
  metrics.provide('sseClients', events.count);
  // The same options object as the caller's (tests read the driver the router puts there).
  const rollout = (deps as RolloutAppDeps).rollout ?? {};

  const api = Router();
  api.use(express.json({ limit: '1mb' }));
  // PUT also takes a raw YAML body (kubectl-style); the handler wraps it as { yaml }.
  api.use(express.text({ type: YAML_TYPES, limit: '1mb' }));
  // Open to all: liveness (it also tells the web whether to show the login page) and the contract.
  api.use(healthRouter(deps));
  api.use(probesRouter(deps, lifecycle));
  api.use(openApiRouter());
  if (deps.sessions) {
    api.use(sessionRouter(deps.sessions, deps.loginLimits));
    api.use(requireSession(deps.sessions));
  }
  // A preview writes nothing: it is served in read-only mode too.
  api.use(graphPreviewRouter(deps, readTraffic));
  if (deps.config.readOnly) api.use(refuseWrites);
  api.use(meshRouter(deps));
  api.use(graphRouter(deps, readTraffic));
  api.use(serviceTrafficRouter(deps, readTraffic));
  api.use(metricsOverTimeRouter(deps));
  api.use(writeRouter(deps));
  api.use(rolloutRouter({ ...deps, rollout }, readTraffic));
  api.use(demoRouter(deps));
  api.use(events.router);
  api.use(apiNotFound);
  app.use('/api', api);

  if (deps.config.staticDir) app.use(staticFiles(deps.config.staticDir));
  app.use(errorMiddleware(deps.logger));

  return Object.assign(app, {
    async shutdown() {
      lifecycle.draining = true;
      events.closeAll();
      ticker.close();
      await rollout.driver?.stop();
    },
  });
}
