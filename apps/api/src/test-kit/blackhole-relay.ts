import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/*
 * A TCP relay on 127.0.0.1 that can turn into a black hole: connections are accepted (and kept) but
 * nothing ever comes back - the failure that makes clients wait out their whole deadline, unlike a
 * refused connection. Open connections go silent too, so a keep-alive pool cannot dodge it.
 */

export interface BlackholeRelay {
  url: string;
  blackhole(on: boolean): void;
  close(): Promise<void>;
}

export async function startBlackholeRelay(target: URL): Promise<BlackholeRelay> {
  let hole = false;
  const pairs = new Set<{ client: Socket; upstream?: Socket }>();
  const server = createServer((client) => {
    const pair: { client: Socket; upstream?: Socket } = { client };
    pairs.add(pair);
    client.on('error', () => undefined);
    client.on('close', () => {
      pair.upstream?.destroy();
      pairs.delete(pair);
    });
    if (hole) return;
    const upstream = connect(Number(target.port), target.hostname);
    upstream.on('error', () => client.destroy());
    pair.upstream = upstream;
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    blackhole(on) {
      hole = on;
      for (const pair of pairs) {
        if (on && pair.upstream) {
          pair.client.unpipe(pair.upstream);
          pair.upstream.unpipe(pair.client);
          pair.upstream.destroy();
          delete pair.upstream;
        } else if (!on && !pair.upstream) {
          // Silent connections end, so clients reconnect through the healed relay.
          pair.client.destroy();
        }
      }
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream?.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
