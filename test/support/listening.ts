import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';

/** An IPv4 address of this machine other than loopback, if it has one. */
export function nonLoopbackIPv4(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
}

/** `0100007F` (little-endian hex of /proc/net/tcp) → `127.0.0.1`. */
const ipv4 = (hex: string) =>
  (hex.match(/../g) ?? [])
    .map((b) => Number.parseInt(b, 16))
    .reverse()
    .join('.');

/** /proc/net/tcp6 writes four little-endian 32-bit words; `::` and `::1` are what matter here. */
function ipv6(hex: string): string {
  const words = (hex.match(/.{8}/g) ?? []).map((w) => (w.match(/../g) ?? []).reverse().join(''));
  const groups = words.join('').match(/.{4}/g) ?? [];
  const text = groups.map((g) => Number.parseInt(g, 16).toString(16)).join(':');
  return text.replace(/^(0:)+0$/, '::').replace(/^(0:)+/, '::');
}

/**
 * The local addresses on which some process listens on TCP `port`: from /proc on Linux, from
 * lsof elsewhere. `0.0.0.0` or `::` means every interface.
 */
export function listeningAddresses(port: number): string[] {
  if (existsSync('/proc/net/tcp')) {
    const out: string[] = [];
    for (const [file, decode] of [
      ['/proc/net/tcp', ipv4],
      ['/proc/net/tcp6', ipv6],
    ] as const) {
      if (!existsSync(file)) continue;
      for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
        const [, local, , state] = line.trim().split(/\s+/);
        if (!local || state !== '0A') continue; // 0A: LISTEN
        const [address, hexPort] = local.split(':');
        if (Number.parseInt(hexPort!, 16) === port) out.push(decode(address!));
      }
    }
    return out;
  }
  const lsof = spawnSync('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fn'], {
    encoding: 'utf8',
  });
  return lsof.stdout
    .split('\n')
    .filter((l) => l.startsWith('n'))
    .map((l) =>
      l
        .slice(1)
        .replace(/:\d+$/, '')
        .replace(/^\[|\]$/g, '')
        .replace(/^\*$/, '0.0.0.0'),
    );
}

/** Whether a TCP connection to host:port is accepted. */
export const accepts = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
