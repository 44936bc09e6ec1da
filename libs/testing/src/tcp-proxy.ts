import * as net from 'node:net';

/**
 * A TCP proxy in front of a real engine, so that a test can make that engine go away for one
 * service alone (the engine itself, shared with others, is not touched):
 * - `cut()`: every connection is reset and new ones are refused, as when the engine dies;
 * - `freeze()`: connections stay open but nothing passes either way, as when it hangs;
 * - `restore()`: the engine is back (on the same port).
 * `each` decides, per connection (numbered from 1), how the engine misbehaves on it.
 */
export interface TcpProxy {
  readonly port: number;
  cut(): Promise<void>;
  freeze(): void;
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** What the proxy does with one connection; by default it passes every byte as it came. */
export interface ProxiedConnection {
  /** Hang up on the client at once, as an engine that is not answering yet. */
  refuse?: boolean;
  /** Bytes the client gets before the engine's first answer (a frame it cannot read, say). */
  beforeFirstAnswer?: Buffer;
}

export async function startTcpProxy(
  target: { host: string; port: number },
  options: { each?: (connection: number) => ProxiedConnection } = {},
): Promise<TcpProxy> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let frozen = false;
  let connections = 0;
  const onConnection = (client: net.Socket) => {
    connections += 1;
    const plan = options.each?.(connections) ?? {};
    if (plan.refuse) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    if (frozen) {
      client.pause();
      upstream.pause();
    }
    client.pipe(upstream);
    const prefix = plan.beforeFirstAnswer;
    if (prefix) {
      upstream.once('data', (first: Buffer) => {
        client.write(prefix);
        client.write(first);
        upstream.pipe(client);
      });
    } else {
      upstream.pipe(client);
    }
  };
  let server = net.createServer(onConnection);
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  const stopListening = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  const cut = async () => {
    const closed = stopListening();
    for (const { client, upstream } of pairs) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    pairs.clear();
    await closed;
  };
  return {
    port,
    cut,
    freeze() {
      frozen = true;
      for (const { client, upstream } of pairs) {
        client.pause();
        upstream.pause();
      }
    },
    async restore() {
      frozen = false;
      for (const { client, upstream } of pairs) {
        client.resume();
        upstream.resume();
      }
      if (!server.listening) {
        server = net.createServer(onConnection);
        await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
      }
    },
    close: cut,
  };
}
