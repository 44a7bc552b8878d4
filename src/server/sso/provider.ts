/**
 * The identity provider as Scrubjay's client of it (openid-client). Its metadata is read at
 * the first sign-on, not at start: the provider may come up after Scrubjay, and a provider
 * that is down must not keep the service from serving password users. A failed read is
 * tried again at the next sign-on.
 */
import * as oidc from 'openid-client';
import type { CheckedSsoSettings } from './settings.js';
import { isLoopbackHost } from '../allowed-hosts.js';
import type { Claims } from './identity.js';

/** Seconds a request to the provider may take before the sign-on fails. */
const PROVIDER_TIMEOUT_SECONDS = 10;

export interface SignOnStart {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export class IdentityProvider {
  #config: Promise<oidc.Configuration> | null = null;

  constructor(private readonly settings: CheckedSsoSettings) {}

  /** Where to send the browser, and what to keep until it comes back. */
  async begin(redirectUrl: string): Promise<SignOnStart> {
    const config = await this.#configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUrl,
      response_type: 'code',
      scope: this.settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /**
   * Exchanges the code of the provider's answer (the callback's address) for tokens, checking
   * state, nonce and PKCE, and returns the user's claims: the ID token's, completed from the
   * userinfo endpoint where the provider keeps profile claims out of the ID token.
   */
  async finish(callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }): Promise<Claims & { iss: string; sub: string }> {
    const config = await this.#configuration();
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('the provider sent no ID token');
    let userinfo: Claims = {};
    if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
      userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    }
    // the ID token's claims win: it is what the provider signed for this sign-on
    return { ...userinfo, ...idClaims };
  }

  #configuration(): Promise<oidc.Configuration> {
    if (this.#config === null) {
      const attempt = this.#discover();
      this.#config = attempt;
      // a failed discovery is forgotten, so the next sign-on asks the provider again
      attempt.catch(() => {
        if (this.#config === attempt) this.#config = null;
      });
    }
    return this.#config;
  }

  #discover(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    const issuerUrl = new URL(issuer);
    const insecure = issuerUrl.protocol === 'http:' && isLoopbackHost(issuerUrl.hostname);
    return oidc.discovery(issuerUrl, clientId, clientSecret ?? undefined, clientSecret === null ? oidc.None() : oidc.ClientSecretBasic(clientSecret), {
      timeout: PROVIDER_TIMEOUT_SECONDS,
      ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
  }
}
