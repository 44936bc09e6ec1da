// Readiness probes that connect to an engine and speak its protocol (no dependencies):
//   node probe.mjs kafka <host> <port>   sends ApiVersions and expects an answer without error
// Exit code 0 means ready.
import net from 'node:net';

function kafkaApiVersions(host, port) {
  return new Promise((resolve) => {
    const clientId = Buffer.from('probe');
    const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
    let o = 0;
    o = body.writeInt16BE(18, o); // ApiVersions
    o = body.writeInt16BE(0, o); // version 0
    o = body.writeInt32BE(7, o); // correlation id
    o = body.writeInt16BE(clientId.length, o);
    clientId.copy(body, o);
    const size = Buffer.alloc(4);
    size.writeInt32BE(body.length);
    const socket = net.connect({ host, port });
    let received = Buffer.alloc(0);
    const done = (ok) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(3000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write(Buffer.concat([size, body])));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 10) return;
      const correlation = received.readInt32BE(4);
      const errorCode = received.readInt16BE(8);
      done(correlation === 7 && errorCode === 0);
    });
  });
}

const [kind, host, port] = process.argv.slice(2);
if (kind === 'kafka') {
  process.exit((await kafkaApiVersions(host, Number(port))) ? 0 : 1);
}
console.error(`unknown probe ${kind}`);
process.exit(2);
