import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** A reason must say why the finding does not apply here, not just that it was looked at. */
export const MIN_REASON_LENGTH = 20;

/** Acknowledges one exact cdk-nag finding on `scope` and everything below it. */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(`Acknowledgement of ${id} at ${scope.node.path} needs a real reason`);
  }
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * The text cdk-nag prints for `value` (an ARN, possibly a token) inside a finding id such as
 * `AwsSolutions-IAM5[Resource::...]`, as seen from a resource in `consumer`'s stack. Values made
 * in another stack arrive through an export, so the id names the export: `exportValue` (public
 * API) yields the same name the automatic cross-stack reference uses.
 */
export function findingText(consumer: IConstruct, value: string, producer?: IConstruct): string {
  const consumerStack = Stack.of(consumer);
  const producerStack = producer ? Stack.of(producer) : consumerStack;
  const seen = producerStack === consumerStack ? value : producerStack.exportValue(value);
  return flatten(consumerStack.resolve(seen));
}

/** Mirrors cdk-nag's flattening of CloudFormation intrinsics in finding ids. */
function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\${/g, '<').replace(/}/g, '>');
  if (typeof node === 'object' && node !== null) {
    const o = node as Record<string, unknown>;
    if (Array.isArray(o['Fn::Join'])) {
      const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
      return items.map(flatten).join(delimiter);
    }
    if (o['Fn::Sub'] !== undefined) return flatten(o['Fn::Sub']);
    if (Array.isArray(o['Fn::GetAtt'])) {
      const [resource, attribute] = o['Fn::GetAtt'] as unknown[];
      return `<${flatten(resource)}.${flatten(attribute)}>`;
    }
    if (o['Fn::ImportValue'] !== undefined) return flatten(o['Fn::ImportValue']);
    if (o.Ref !== undefined) return `<${flatten(o.Ref)}>`;
  }
  return JSON.stringify(node);
}
