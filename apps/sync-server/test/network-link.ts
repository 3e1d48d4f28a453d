import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP link between one client and the relay that a test can cut and heal, like a network that
 * drops: cutting destroys the open connections and refuses new ones until healed. The client's own
 * reconnect logic does the rest, as it would on a real network.
 */
export class NetworkLink {
  private readonly server: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  private down = false;
  port = 0;

  constructor(private readonly targetPort: number) {
    this.server = createServer((client) => {
      client.on('error', () => undefined);
      if (this.down) return client.destroy();
      const upstream = connect(this.targetPort, '127.0.0.1');
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      const forget = () => this.pairs.delete(pair);
      client.on('close', () => {
        upstream.destroy();
        forget();
      });
      upstream.on('close', () => {
        client.destroy();
        forget();
      });
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return `ws://127.0.0.1:${this.port}`;
  }

  get isDown(): boolean {
    return this.down;
  }

  cut(): void {
    this.down = true;
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
  }

  heal(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
