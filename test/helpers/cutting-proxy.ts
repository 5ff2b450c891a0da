import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of HQ that cuts the connection: after `requestBytes` bytes from the
 * client (a request cut mid-batch), or after `responseBytes` bytes back from HQ (the answer lost
 * after HQ did the work). TLS passes through untouched, so the client still pins HQ's certificate.
 */
export async function startCuttingProxy(
  target: { host: string; port: number },
  cut: { requestBytes?: number; responseBytes?: number },
): Promise<{ url: string; close(): Promise<void>; bytesFromTarget(): number }> {
  const sockets = new Set<net.Socket>();
  let fromTarget = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    let sent = 0;
    let received = 0;
    client.on('data', (chunk: Buffer) => {
      const limit = cut.requestBytes ?? Infinity;
      const room = limit - sent;
      sent += chunk.length;
      if (chunk.length >= room) {
        upstream.write(chunk.subarray(0, Math.max(0, room)), drop);
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      fromTarget += chunk.length;
      const limit = cut.responseBytes ?? Infinity;
      const room = limit - received;
      received += chunk.length;
      if (chunk.length >= room) {
        client.write(chunk.subarray(0, Math.max(0, room)), drop);
        return;
      }
      client.write(chunk);
    });
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    /** Bytes HQ sent through this proxy so far (a probe's handshake and answer, to place a cut). */
    bytesFromTarget: () => fromTarget,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
