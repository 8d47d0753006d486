import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConflictError, UnauthorizedError, ValidationError } from '@sello/core/errors';
import type { IdentityProvider, IdentityTokens } from '@sello/core/staff';

/** The user pool and the app client (no secret) people sign in through. */
export interface UserPool {
  userPoolId: string;
  clientId: string;
}

/** The error's name (`NotAuthorizedException` …), whichever SDK copy or emulator built it. */
const nameOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null ? (e as { name?: string }).name : undefined;

const is = (e: unknown, ...names: string[]) => names.includes(nameOf(e) ?? '');

/**
 * Refusals of a sign-in: wrong password (Cognito says NotAuthorized; cognito-local says
 * InvalidPassword), no such user, or a user who cannot sign in yet or any more.
 */
const SIGN_IN_REFUSALS = [
  'NotAuthorizedException',
  'InvalidPasswordException',
  'UserNotFoundException',
  'UserNotConfirmedException',
  'PasswordResetRequiredException',
];

/**
 * A password nobody knows, meeting any pool policy (upper and lower case, digit, symbol): the
 * user cannot sign in until Sello sets the one the person chose.
 */
const unusablePassword = () => `Aa1!${randomBytes(24).toString('base64url')}`;

/**
 * The identity provider over Cognito (or cognito-local, through the SDK's endpoint setting). Users
 * are named by e-mail: Cognito takes it as the username or as an alias, whichever the pool uses.
 */
export class CognitoIdentityProvider implements IdentityProvider {
  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly pool: UserPool,
  ) {}

  async signIn(email: string, password: string): Promise<IdentityTokens> {
    const out = await this.cognito
      .send(
        new InitiateAuthCommand({
          ClientId: this.pool.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email, PASSWORD: password },
        }),
      )
      .catch((e: unknown) => {
        if (is(e, ...SIGN_IN_REFUSALS)) throw new UnauthorizedError('Wrong e-mail or password');
        throw e;
      });
    const result = out.AuthenticationResult;
    // A challenge instead (a new password required: an invitation not accepted) is no sign-in.
    if (!result?.AccessToken) throw new UnauthorizedError('Wrong e-mail or password');
    return {
      accessToken: result.AccessToken,
      ...(result.RefreshToken ? { refreshToken: result.RefreshToken } : {}),
    };
  }

  async refresh(refreshToken: string): Promise<IdentityTokens> {
    const out = await this.cognito
      .send(
        new InitiateAuthCommand({
          ClientId: this.pool.clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      )
      .catch((e: unknown) => {
        if (is(e, ...SIGN_IN_REFUSALS, 'InvalidParameterException')) {
          throw new UnauthorizedError('The sign-in was revoked or expired; sign in again', [
            { path: 'cookie', message: 'Revoked or expired' },
          ]);
        }
        throw e;
      });
    const accessToken = out.AuthenticationResult?.AccessToken;
    if (!accessToken)
      throw new UnauthorizedError('The sign-in was revoked or expired; sign in again');
    return { accessToken };
  }

  async revoke(refreshToken: string): Promise<void> {
    await this.cognito
      .send(new RevokeTokenCommand({ ClientId: this.pool.clientId, Token: refreshToken }))
      .catch((e: unknown) => {
        // Already revoked, expired or never valid: nothing left to revoke.
        if (
          !is(
            e,
            'NotAuthorizedException',
            'UnsupportedTokenTypeException',
            'InvalidParameterException',
          )
        )
          throw e;
      });
  }

  async createUser(email: string, options: { group?: string } = {}): Promise<{ userId: string }> {
    const out = await this.cognito
      .send(
        new AdminCreateUserCommand({
          UserPoolId: this.pool.userPoolId,
          Username: email,
          UserAttributes: [
            { Name: 'email', Value: email },
            // Sello proves the address itself: the invitation or the reset link reaches it.
            { Name: 'email_verified', Value: 'true' },
          ],
          TemporaryPassword: unusablePassword(),
          // Sello sends its own invitation, in the tenant's language, through SES.
          MessageAction: 'SUPPRESS',
        }),
      )
      .catch((e: unknown) => {
        if (is(e, 'UsernameExistsException', 'AliasExistsException')) {
          throw new ConflictError('This e-mail already has an account', [
            { path: 'email', message: 'Already has an account' },
          ]);
        }
        throw e;
      });
    const sub = out.User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
    if (!sub) throw new Error('Cognito created a user without a sub');
    if (options.group) {
      try {
        await this.cognito.send(
          new AdminAddUserToGroupCommand({
            UserPoolId: this.pool.userPoolId,
            Username: email,
            GroupName: options.group,
          }),
        );
      } catch (error) {
        // A user outside its group would be taken for someone else: none rather than that.
        await this.deleteUser(email);
        throw error;
      }
    }
    return { userId: sub };
  }

  async setPassword(email: string, password: string): Promise<void> {
    await this.cognito
      .send(
        new AdminSetUserPasswordCommand({
          UserPoolId: this.pool.userPoolId,
          Username: email,
          Password: password,
          Permanent: true,
        }),
      )
      .catch((e: unknown) => {
        if (is(e, 'InvalidPasswordException')) {
          throw new ValidationError('The password does not meet the policy', [
            { path: 'password', message: (e as Error).message },
          ]);
        }
        throw e;
      });
  }

  async deleteUser(email: string): Promise<void> {
    await this.cognito
      .send(new AdminDeleteUserCommand({ UserPoolId: this.pool.userPoolId, Username: email }))
      .catch((e: unknown) => {
        if (!is(e, 'UserNotFoundException')) throw e;
      });
  }
}
