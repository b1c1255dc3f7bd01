// A real OpenID provider for the sign-in tests (`oidc-provider`, the certified Node.js one):
// one confidential client whose redirect URI is the test server's callback, PKCE, refresh tokens,
// access tokens that expire after 20 s (so the tests see a refresh), and the library's
// development login page (any password) with two accounts:
//   olive: groups [oncall]  -> an operator with TDBG_AUTH_OPERATORS=oncall
//   reed:  groups [viewers] -> a reader
//
//   node end2end/oidc/provider.mjs --port 4011 --redirect-uri http://127.0.0.1:3000/auth/sso/callback
import Provider from 'oidc-provider';

function argument(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index >= 0 && process.argv[index + 1]) return process.argv[index + 1];
  if (fallback !== undefined) return fallback;
  console.error(`provider.mjs: --${name} is required`);
  process.exit(2);
}

const port = Number(argument('port'));
const redirectUri = argument('redirect-uri');
const accessTokenSeconds = Number(argument('access-token-ttl', '20'));
const issuer = `http://127.0.0.1:${port}`;

const accounts = {
  olive: { sub: 'olive', name: 'Olive Operator', email: 'olive@example.com', email_verified: true, groups: ['oncall'] },
  reed: { sub: 'reed', name: 'Reed Reader', email: 'reed@example.com', email_verified: true, groups: ['viewers'] },
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'debugger',
      client_secret: 'debugger-test-secret',
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [redirectUri.replace(/\/sso\/callback$/, '/logged-out')],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
  // The ID token carries the scopes' claims (groups, email), as the debugger reads them there.
  conformIdTokenClaims: false,
  findAccount: async (_ctx, id) => {
    const account = accounts[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => account };
  },
  // Consent is implied: the tests sign in with one form.
  loadExistingGrant: async (ctx) => {
    const existing = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (existing) return ctx.oidc.provider.Grant.find(existing);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile email');
    await grant.save();
    return grant;
  },
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  ttl: {
    AccessToken: accessTokenSeconds,
    IdToken: 3600,
    RefreshToken: 86400,
    Interaction: 600,
    Session: 86400,
    Grant: 86400,
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['tdbg-test-provider-cookie-key'] },
});

// The login page's own CSP and the library's development-key warnings do not matter here.
provider.on('server_error', (_ctx, error) => console.error('provider server_error', error));
provider.on('grant.success', (ctx) => console.log(`token grant ${ctx.oidc.params.grant_type} for ${ctx.oidc.client?.clientId}`));
provider.on('grant.error', (_ctx, error) => console.log(`token grant refused: ${error.message} ${error.error_description ?? ''}`));

provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc provider ready at ${issuer} (redirect ${redirectUri}, access tokens ${accessTokenSeconds} s)`);
});
