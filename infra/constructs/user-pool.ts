import { PASSWORD_POLICY, RECIPIENT_GROUP } from '@sello/contracts';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { acknowledge } from './nag.ts';

export interface UserPoolProps {
  stage: string;
}

/**
 * The people who sign in to the portal (tenants' staff and registered recipients): one Cognito
 * user pool per stage, with the e-mail address as user name, and the one app client Sello's API
 * signs them in through. Cognito sends no mail: invitations and password resets are Sello's own
 * flows (mailed through SES), which end in AdminCreateUser / AdminSetUserPassword.
 */
export class UserPool extends Construct {
  readonly pool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: UserPoolProps) {
    super(scope, id);

    this.pool = new cognito.UserPool(this, 'Pool', {
      userPoolName: `sello-${props.stage}`,
      // The e-mail is the user name; `Ana@X.es` and `ana@x.es` are the same person.
      signInAliases: { email: true, username: false },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      // People are invited by a tenant or register as recipients through Sello's API, which
      // creates them with AdminCreateUser; nobody signs up with Cognito directly.
      selfSignUpEnabled: false,
      // Sello proves the address itself (the invitation or reset link it mails), so Cognito must
      // not send verification codes, nor offer its own recovery by mail.
      autoVerify: { email: false },
      accountRecovery: cognito.AccountRecovery.NONE,
      passwordPolicy: {
        // The API's own rule (length only), so the pool never refuses what the browser accepted.
        minLength: PASSWORD_POLICY.minLength,
        requireLowercase: false,
        requireUppercase: false,
        requireDigits: false,
        requireSymbols: false,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OFF,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.pool,
      'AwsSolutions-COG1',
      'Passwords are 12+ characters with no character-class rules, as NIST SP 800-63B §5.1.1.2 ' +
        'advises: composition rules make passwords more predictable, not stronger. The same rule ' +
        'is the API schema every password passes first.',
    );
    acknowledge(
      this.pool,
      'AwsSolutions-COG2',
      "Sign-in goes through Sello's API (USER_PASSWORD_AUTH), which answers no MFA challenge yet; " +
        'a second factor is a later step of the portal. Until then passwords are long (12+ ' +
        'characters), access tokens live an hour, and the API stage is throttled.',
    );
    acknowledge(
      this.pool,
      'AwsSolutions-COG8',
      "Plus-tier threat protection judges risk by the caller's IP and device, but every sign-in " +
        "reaches Cognito from Sello's Lambda functions, so adaptive blocking would see the same " +
        'AWS addresses for all users and could lock everyone out at once. Essentials tier.',
    );

    // Registered recipients' users: their access tokens name the group (`cognito:groups`), so the
    // API tells them from staff; which tax id each may read is Sello's record, not Cognito's.
    new cognito.CfnUserPoolGroup(this, 'RecipientsGroup', {
      userPoolId: this.pool.userPoolId,
      groupName: RECIPIENT_GROUP,
      description: 'Registered recipients: read the inbox of their tax id',
    });

    this.client = this.pool.addClient('PortalClient', {
      userPoolClientName: `sello-${props.stage}-portal`,
      // A public client: Sello's API calls InitiateAuth for the browser, which never sees Cognito.
      generateSecret: false,
      authFlows: { userPassword: true },
      // No hosted UI and no OAuth redirects: tokens only come from Sello's own sign-in route.
      disableOAuth: true,
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
  }
}
