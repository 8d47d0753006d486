import { ENV } from '@sello/contracts';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readStageConfig } from '../../infra/config.ts';
import { connectorsEnvironment } from '../../infra/constructs/access.ts';
import { CONTEXT } from './support.ts';

const config = (context: Record<string, string>) => readStageConfig(new App({ context }).node);
const URL = 'https://einvoicing.insurer.example/sello';

describe("a stage's connectors", () => {
  it('tell the forwarding functions, and only them, where the insurer platform is', () => {
    const stage = config({ ...CONTEXT, insurerPlatformUrl: URL });
    expect(stage.insurerPlatformUrl).toBe(URL);
    for (const id of ['forwardInvoice', 'runForwarding']) {
      expect(connectorsEnvironment(stage, id)).toEqual({ [ENV.insurerPlatformUrl]: URL });
    }
    expect(connectorsEnvironment(stage, 'issueInvoice')).toEqual({});
  });

  it('leave the insurer platform off when not configured, and refuse plain http', () => {
    const stage = config(CONTEXT);
    expect(stage.insurerPlatformUrl).toBeUndefined();
    expect(connectorsEnvironment(stage, 'runForwarding')).toEqual({});
    expect(() =>
      config({ ...CONTEXT, insurerPlatformUrl: 'http://einvoicing.insurer.example' }),
    ).toThrow(/https/);
  });

  it('tell the forwarding functions where FACe is, https only', () => {
    const face = 'https://se-face-webservice.redsara.es/facturasspp2';
    const stage = config({ ...CONTEXT, faceUrl: face });
    expect(connectorsEnvironment(stage, 'runForwarding')).toEqual({ [ENV.faceUrl]: face });
    expect(connectorsEnvironment(stage, 'issueInvoice')).toEqual({});
    expect(connectorsEnvironment(config(CONTEXT), 'runForwarding')).toEqual({});
    expect(() => config({ ...CONTEXT, faceUrl: 'http://webservice.face.gob.es' })).toThrow(/https/);
  });
});
