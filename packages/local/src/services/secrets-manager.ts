import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Secrets Manager endpoint for the local platform, answering `GetSecretValue` only (JSON
 * protocol, `X-Amz-Target: secretsmanager.GetSecretValue`): the real `SecretsManagerClient`
 * reads through it exactly as it reads in AWS. The secrets are given at start and are the local
 * platform's own (the sandbox PAC's account), never real credentials.
 */
export async function startSecretsManagerLocal(secrets: Record<string, string>, port = 0) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(body));
      };
      if (req.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') {
        return send(400, {
          __type: 'UnknownOperationException',
          message: `The local Secrets Manager answers GetSecretValue only`,
        });
      }
      let id: unknown;
      try {
        id = JSON.parse(Buffer.concat(chunks).toString('utf8')).SecretId;
      } catch {
        return send(400, { __type: 'SerializationException', message: 'Body is not JSON' });
      }
      const value = typeof id === 'string' ? secrets[id] : undefined;
      if (value === undefined) {
        return send(400, {
          __type: 'ResourceNotFoundException',
          message: "Secrets Manager can't find the specified secret.",
        });
      }
      send(200, {
        ARN: `arn:aws:secretsmanager:local:000000000000:secret:${id}-local0`,
        Name: id,
        SecretString: value,
        VersionId: '00000000-0000-4000-8000-000000000000',
        VersionStages: ['AWSCURRENT'],
        CreatedDate: 0,
      });
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
