import express, { Router, type Express } from 'express';
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
import { openApiRouter } from './http/openapi-router';
import { createTrafficReader } from './traffic/read-traffic';
import { refuseWrites } from './http/read-only';
import { requestLog } from './http/request-log';
import { serviceTrafficRouter } from './http/service-traffic-router';
import { staticFiles } from './http/static-files';
import { writeRouter } from './http/write-router';
import { rolloutRouter } from './http/rollout-router';

export type { AppDeps } from './http/deps';

/** The Express app with a hook that ends long-lived streams (SSE) so the server can close. */
export type SluiceApp = Express & { shutdown(): void };

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

/** Everything the API serves, wired to its dependencies; listening is server.ts's job (tests use port 0). */
export function createApp(deps: AppDeps): SluiceApp {
  const app = express();
  app.disable('x-powered-by');
  app.use(compress());
  const readTraffic = createTrafficReader(deps.traffic, deps.logger);
  const ticker = createTrafficTicker(deps.trafficIntervalMs ?? 2000);
  const events = eventsRouter(deps, ticker);

  const api = Router();
  api.use(requestLog(deps.logger));
  api.use(express.json({ limit: '1mb' }));
  // PUT also takes a raw YAML body (kubectl-style); the handler wraps it as { yaml }.
  api.use(express.text({ type: YAML_TYPES, limit: '1mb' }));
  // Open to all: liveness (it also tells the web whether to show the login page) and the contract.
  api.use(healthRouter(deps));
  api.use(openApiRouter());
  if (deps.sessions) {
    api.use(sessionRouter(deps.sessions));
    api.use(requireSession(deps.sessions));
  }
  // A preview writes nothing: it is served in read-only mode too.
  api.use(graphPreviewRouter(deps, readTraffic));
  if (deps.config.readOnly) api.use(refuseWrites);
  api.use(meshRouter(deps));
  api.use(graphRouter(deps, readTraffic));
  api.use(serviceTrafficRouter(deps, readTraffic));
  api.use(writeRouter(deps));
  api.use(rolloutRouter(deps, readTraffic));
  api.use(demoRouter(deps));
  api.use(events.router);
  api.use(apiNotFound);
  app.use('/api', api);

  if (deps.config.staticDir) app.use(staticFiles(deps.config.staticDir));
  app.use(errorMiddleware(deps.logger));

  return Object.assign(app, {
    shutdown() {
      events.closeAll();
      ticker.close();
    },
  });
}
