import net from 'node:net';

/*
 * A fixed 127.0.0.1 port in front of a backend whose port changes. The API is started once with
 * `--prometheus-url` pointing here; Prometheus can then be stopped and started again (on whatever
 * free port startPrometheus picks) without restarting the API. While no backend is set, or the
 * backend is down, connections are reset: to the API that is exactly "Prometheus unreachable".
 */
export interface TcpRelay {
  port: number;
  setBackend(port: number | undefined): void;
  close(): Promise<void>;
}

export async function startTcpRelay(port: number): Promise<TcpRelay> {
  let backend: number | undefined;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    if (backend === undefined) {
      client.destroy();
      return;
    }
    const upstream = net.connect(backend, '127.0.0.1');
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    client.pipe(upstream).pipe(client);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.once('error', drop);
    upstream.once('error', drop);
    client.once('close', drop);
    upstream.once('close', drop);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port,
    setBackend(p) {
      backend = p;
      // Open keep-alive connections to the old backend must not outlive it.
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
