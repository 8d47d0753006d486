import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { FunctionFailedError, LambdaInvoker } from '@sello/aws';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { functionArn } from './config.ts';
import { invoker, useInvoker } from './invoker.ts';

const ARN = 'arn:aws:lambda:eu-south-2:111122223333:function:sello-prod-render-invoice-pdf';
const lambda = mockClient(LambdaClient);
const client = new LambdaClient({ region: 'eu-south-2' });
// The SDK wraps response payloads in a blob adapter; the bytes are what Lambda sent.
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)) as never;
const sent = () =>
  lambda.commandCalls(InvokeCommand).map((c) => {
    const { Payload, ...rest } = c.args[0].input;
    return { ...rest, payload: JSON.parse(new TextDecoder().decode(Payload as Uint8Array)) };
  });

beforeEach(() => {
  lambda.reset();
  process.env.SELLO_FUNCTION_RENDER_INVOICE_PDF = ARN;
});
afterAll(() => {
  lambda.restore();
  delete process.env.SELLO_FUNCTION_RENDER_INVOICE_PDF;
});

describe('LambdaInvoker with the ARNs the stack passes', () => {
  it('hands work over as an asynchronous Event invoke of the ARN from SELLO_FUNCTION_<ID>', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    await new LambdaInvoker(client, functionArn).handOver('renderInvoicePdf', {
      invoiceIds: ['inv_1'],
    });
    expect(sent()).toEqual([
      { FunctionName: ARN, InvocationType: 'Event', payload: { invoiceIds: ['inv_1'] } },
    ]);
  });

  it('calls and answers the JSON result of a RequestResponse invoke', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: bytes({ pdf: 'JVBERg==' }) });
    const result = await new LambdaInvoker(client, functionArn).call<{ pdf: string }>(
      'renderInvoicePdf',
      {
        draft: true,
      },
    );
    expect(result).toEqual({ pdf: 'JVBERg==' });
    expect(sent()).toEqual([
      { FunctionName: ARN, InvocationType: 'RequestResponse', payload: { draft: true } },
    ]);
  });

  it("raises the callee's own error when it failed", async () => {
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: bytes({
        errorType: 'ValidationError',
        errorMessage: 'Invalid renderInvoicePdf event',
      }),
    });
    const error = await new LambdaInvoker(client, functionArn)
      .call('renderInvoicePdf', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FunctionFailedError);
    expect(error).toMatchObject({
      functionId: 'renderInvoicePdf',
      errorType: 'ValidationError',
      message: 'renderInvoicePdf failed: ValidationError: Invalid renderInvoicePdf event',
    });
  });

  it('fails when the event was not accepted', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200 });
    await expect(
      new LambdaInvoker(client, functionArn).handOver('renderInvoicePdf', {}),
    ).rejects.toThrow('renderInvoicePdf did not accept the event (200)');
  });

  it('names the variable a caller lacks (the route does not declare the function)', () => {
    expect(() => functionArn('processIssuedInvoices')).toThrow(
      'Missing environment variable SELLO_FUNCTION_PROCESS_ISSUED_INVOICES',
    );
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
  });
});

describe('invoker()', () => {
  it('is Lambda unless the local platform put its own in place', () => {
    expect(invoker()).toBeInstanceOf(LambdaInvoker);
    const local = { handOver: async () => {}, call: async () => undefined as never };
    useInvoker(local);
    expect(invoker()).toBe(local);
    useInvoker(undefined);
    expect(invoker()).toBeInstanceOf(LambdaInvoker);
  });
});
