/**
 * A real OpenID Connect provider for the sign-on tests (oidc-provider), on a loopback port.
 * Its port is taken before it is configured, so the service can be started with the issuer
 * first and the provider's client given the service's callback afterwards; until then it
 * answers 503, as a provider that is not up yet would. Its sign-in page signs in whichever
 * user the test names, and consents for them, without a form.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface ProviderUser {
  preferred_username?: string;
  email?: string;
  roles?: string[] | string;
}

export interface TestIdentityProvider {
  issuer: string;
  /** the provider's users by subject; a change counts at the user's next sign-on */
  users: Map<string, ProviderUser>;
  /** who signs in at the provider's sign-in page next */
  signInAs: string;
  /** configures the provider with its one client and starts answering */
  start(client: { clientId: string; clientSecret: string; redirectUri: string }): void;
  close(): Promise<void>;
}

export async function startIdentityProvider(): Promise<TestIdentityProvider> {
  let handle = (_req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(503).end();
  };
  const http = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const users = new Map<string, ProviderUser>();
  const idp: TestIdentityProvider = {
    issuer,
    users,
    signInAs: '',
    start: (client) => {
      const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
      const provider = new Provider(issuer, {
        clients: [{ client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: [client.redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
        jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256', kid: 'test' }] },
        cookies: { keys: ['a cookie key for the test provider'] },
        pkce: { required: () => true },
        ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
        claims: { openid: ['sub'], profile: ['preferred_username', 'roles'], email: ['email'] },
        findAccount: (_ctx: unknown, sub: string) => {
          const user = users.get(sub);
          return user ? { accountId: sub, claims: () => ({ sub, ...user }) } : undefined;
        },
      });
      const app = provider.callback();
      handle = (req, res) => {
        if (req.url?.startsWith('/interaction/')) {
          void finishInteraction(provider, idp.signInAs, req, res).catch((error: unknown) => {
            res.writeHead(500).end(String(error));
          });
          return;
        }
        app(req, res);
      };
    },
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  return idp;
}

/** The provider's sign-in and consent, done at once for the user the test named. */
async function finishInteraction(provider: Provider, accountId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const interaction = await provider.interactionDetails(req, res);
  const grant = new provider.Grant({ accountId, clientId: String(interaction.params.client_id) });
  grant.addOIDCScope(String(interaction.params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
}
