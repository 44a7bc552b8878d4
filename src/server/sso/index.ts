/** Single sign-on through an OpenID Connect identity provider. */
export { ssoRoutes } from './routes.js';
export { checkSsoSettings, parseRoleMap, ssoSettingsFromEnv, DEFAULT_ROLE_CLAIM, DEFAULT_SCOPES, SSO_CALLBACK_PATH, type CheckedSsoSettings, type SsoSettings } from './settings.js';
