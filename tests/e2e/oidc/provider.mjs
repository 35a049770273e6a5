// A real OpenID Connect provider (npm oidc-provider) for the SSO end-to-end tests.
// Usage: node provider.mjs PORT REDIRECT_URI
// Clients: "kc" (confidential, client_secret_basic, like Keycloak / LemonLDAP::NG) and
// "pc" (client_secret_post, userinfo answered as a signed JWT, like ProConnect).
// Accounts: any login; the login name chooses the role claim ("alice" → communia-dpo,
// "bob" → communia-agent, anyone else → astronaut, which Communia does not know).
import Provider from 'oidc-provider';

const port = Number(process.argv[2]);
const redirectUri = process.argv[3];
const issuer = `http://127.0.0.1:${port}`;
const ROLES = { alice: ['communia-dpo'], bob: ['communia-agent'] };

const configuration = {
  clients: [
    { client_id: 'kc', client_secret: 'kc-secret', redirect_uris: [redirectUri.replace('PROVIDER', 'kc')],
      grant_types: ['authorization_code'], response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic' },
    { client_id: 'pc', client_secret: 'pc-secret', redirect_uris: [redirectUri.replace('PROVIDER', 'pc')],
      grant_types: ['authorization_code'], response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post', userinfo_signed_response_alg: 'RS256' },
  ],
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true }, jwtUserinfo: { enabled: true } },
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'],
            roles: ['roles'] },
  scopes: ['openid', 'profile', 'email', 'roles'],
  cookies: { keys: ['test-cookie-key-for-communia'] },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, name: `Test ${id}`, preferred_username: id,
                 email: `${id}@example.test`, roles: ROLES[id] || ['astronaut'] };
      },
    };
  },
  async loadExistingGrant(ctx) {
    // first-party clients: consent is implied, as an authority's own IdP would configure
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile email roles');
    await grant.save();
    return grant;
  },
};

const provider = new Provider(issuer, configuration);
provider.listen(port, '127.0.0.1', () => { console.log(`ready ${issuer}`); });
