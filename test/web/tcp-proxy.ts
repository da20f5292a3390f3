import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** A TCP relay on 127.0.0.1 in front of a server, whose connections a test can cut (a network drop). */
export class TcpProxy {
  private constructor(
    private readonly server: Server,
    private readonly connections: Set<Socket>,
    readonly port: number,
  ) {}

  static async start(targetPort: number): Promise<TcpProxy> {
    const connections = new Set<Socket>();
    const server = createServer((client) => {
      const upstream = connect(targetPort, '127.0.0.1');
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        connections.add(from);
        from.on('close', () => connections.delete(from));
        from.on('error', () => to.destroy());
        from.pipe(to);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new TcpProxy(server, connections, (server.address() as AddressInfo).port);
  }

  /** Cuts every open connection, as a lost network would. */
  cut(): void {
    for (const socket of this.connections) socket.destroy();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
