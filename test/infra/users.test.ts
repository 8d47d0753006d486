import {
  ENV,
  fallbackRoute,
  kebab,
  PASSWORD_POLICY,
  RECIPIENT_GROUP,
  type RouteDef,
} from '@sello/contracts';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EXPECTED_PERMISSIONS,
  expectedPermissions,
  functionNamed,
  logicalId,
  ofType,
  permissionsOf,
  synthesize,
} from './support.ts';

type Built = ReturnType<typeof synthesize>;

const fnName = (id: string) => `sello-test-${kebab(id)}`;

describe('the user pool people sign in to', () => {
  let built: Built;
  beforeAll(() => {
    built = synthesize();
  });

  it('keeps one retained, deletion-protected pool per stage with the e-mail as user name', () => {
    const { stateful } = built.templates;
    stateful.resourceCountIs('AWS::Cognito::UserPool', 1);
    stateful.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        UserPoolName: 'sello-test',
        DeletionProtection: 'ACTIVE',
        UsernameAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        Schema: [{ Name: 'email', Required: true, Mutable: true }],
      }),
    });
  });

  it("has the registered recipients' group, whose name the API checks in access tokens", () => {
    const { stateful } = built.templates;
    stateful.resourceCountIs('AWS::Cognito::UserPoolGroup', 1);
    stateful.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      GroupName: RECIPIENT_GROUP,
      UserPoolId: { Ref: logicalId(built.stateful, built.stateful.userPool) },
    });
  });

  it('lets nobody sign up and makes Cognito send no mail of its own', () => {
    const pool = ofType(built.templates.stateful, 'AWS::Cognito::UserPool')[0]?.[1];
    expect(pool?.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      // No verification codes, and recovery only by an administrator (Sello's reset flow).
      AutoVerifiedAttributes: [],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] },
    });
  });

  it("requires the API's password rule (12+, no classes); MFA is off and the tier is Essentials (all acknowledged)", () => {
    built.templates.stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: PASSWORD_POLICY.minLength,
          RequireLowercase: false,
          RequireUppercase: false,
          RequireNumbers: false,
          RequireSymbols: false,
          TemporaryPasswordValidityDays: 3,
        },
      },
      MfaConfiguration: 'OFF',
      UserPoolTier: 'ESSENTIALS',
    });
  });

  it('has one public client for password sign-in and refresh tokens, and no OAuth', () => {
    const { stateful } = built.templates;
    stateful.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    const client = ofType(stateful, 'AWS::Cognito::UserPoolClient')[0]?.[1];
    expect(client?.Properties).toEqual({
      ClientName: 'sello-test-portal',
      UserPoolId: { Ref: logicalId(built.stateful, built.stateful.userPool) },
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      // An hour for access (and id) tokens, thirty days for the refresh token.
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 30 * 24 * 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
  });

  it('gives every function the pool and client ids, from the stateful stack', () => {
    const poolRef = logicalId(built.stateful, built.stateful.userPool);
    const clientRef = logicalId(built.stateful, built.stateful.userPoolClient);
    const functions = ofType(built.templates.functions, 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(1);
    for (const [, fn] of functions) {
      const vars = fn.Properties.Environment.Variables;
      expect(JSON.stringify(vars[ENV.userPoolId]), fn.Properties.FunctionName).toMatch(
        new RegExp(`^\\{"Fn::ImportValue":"Sello-test-Stateful:ExportsOutputRef${poolRef}`),
      );
      expect(JSON.stringify(vars[ENV.userPoolClientId]), fn.Properties.FunctionName).toMatch(
        new RegExp(`^\\{"Fn::ImportValue":"Sello-test-Stateful:ExportsOutputRef${clientRef}`),
      );
    }
  });
});

describe('users:manage, declared by a route', () => {
  const route = (id: string, access: RouteDef['access']): RouteDef => ({
    id,
    method: 'POST',
    path: `/v1/${kebab(id)}`,
    entry: fallbackRoute.entry,
    auth: 'public',
    access,
    summary: id,
    tag: 'Probe',
    responses: {},
  });
  const routes = [
    route('probeInviteStaff', ['users:manage', 'table:write']),
    route('probeListStaff', ['table:read']),
  ];
  let built: Built;
  beforeAll(() => {
    built = synthesize({ routes, triggered: [] });
  });

  it('lets the declaring function administer users of this pool, and nothing else', () => {
    const labels = {
      [logicalId(built.stateful, built.stateful.table)]: 'table',
      [logicalId(built.stateful, built.stateful.dataKey)]: 'dataKey',
      [logicalId(built.stateful, built.stateful.userPool)]: 'userPool',
    };
    const perms = (id: string) => {
      const [, fn, template] = functionNamed(built.templates.functions, fnName(id));
      return permissionsOf(template, fn, labels);
    };
    expect(perms('probeInviteStaff')).toEqual(expectedPermissions(['users:manage', 'table:write']));
    expect(perms('probeInviteStaff')).toEqual(
      expect.arrayContaining(EXPECTED_PERMISSIONS['users:manage']),
    );
    expect(perms('probeListStaff').filter((p) => p.startsWith('cognito-idp:'))).toEqual([]);
    expect(perms(fallbackRoute.id).filter((p) => p.startsWith('cognito-idp:'))).toEqual([]);
  });

  it('names the pool by its ARN, without wildcards', () => {
    const poolRef = logicalId(built.stateful, built.stateful.userPool);
    const [, fn, template] = functionNamed(built.templates.functions, fnName('probeInviteStaff'));
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    const statements = ofType(template, 'AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement)
      .filter((st: { Action: string | string[] }) =>
        [st.Action].flat().some((a) => a.startsWith('cognito-idp:')),
      );
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: EXPECTED_PERMISSIONS['users:manage'].map((p) => p.replace(/ @ .*/, '')).sort(),
        Resource: {
          'Fn::ImportValue': expect.stringMatching(
            new RegExp(`^Sello-test-Stateful:ExportsOutputFnGetAtt${poolRef}Arn`),
          ),
        },
      },
    ]);
  });
});
