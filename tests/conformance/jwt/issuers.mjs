// Lakegate JWT authorizer conformance. Starts two real issuers on loopback and, once told where the
// gateway listens, sends it tokens and prints what came back (the xunit side asserts on it):
//   - "jose": a small issuer whose discovery document and JWKS are served here, tokens signed by
//     jose (RS256, ES256, PS256) plus the hostile ones (alg none, HS256 keyed with the RSA public
//     key, unknown kid, expired, wrong aud/iss, future nbf);
//   - "oidc": a real oidc-provider server issuing JWT access tokens by client_credentials.
// Protocol: prints {"joseIssuer","oidcIssuer","control"} as one line; a POST of {"gateway": URL} to
// the control URL runs every case and answers {"results": {case: {status, body}}}; then it exits.
import http from 'node:http';
import * as jose from 'jose';
import Provider from 'oidc-provider';

const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));

// ---- the jose issuer ----
const rsa = await jose.generateKeyPair('RS256', { extractable: true });
const ec = await jose.generateKeyPair('ES256', { extractable: true });
const pss = await jose.generateKeyPair('PS256', { extractable: true });
const stranger = await jose.generateKeyPair('RS256', { extractable: true });
const rotated = await jose.generateKeyPair('RS256', { extractable: true });
const publicJwk = async (key, kid, alg) => ({ ...(await jose.exportJWK(key)), kid, alg, use: 'sig' });
const jwks = { keys: [await publicJwk(rsa.publicKey, 'rsa-1', 'RS256'), await publicJwk(ec.publicKey, 'ec-1', 'ES256'), await publicJwk(pss.publicKey, 'pss-1', 'PS256')] };
let jwksFetches = 0;

const joseServer = http.createServer();
const josePort = await listen(joseServer);
const joseIssuer = `http://127.0.0.1:${josePort}/pool`;
joseServer.on('request', (req, res) => {
  if (req.url === '/pool/.well-known/openid-configuration') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ issuer: joseIssuer, jwks_uri: `${joseIssuer}/jwks.json` }));
  } else if (req.url === '/pool/jwks.json') {
    jwksFetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(jwks));
  } else {
    res.writeHead(404).end();
  }
});

const now = () => Math.floor(Date.now() / 1000);
async function sign(claims, { alg = 'RS256', kid = 'rsa-1', key = rsa.privateKey, iss = joseIssuer, exp = now() + 600, nbf } = {}) {
  let jwt = new jose.SignJWT({ ...claims }).setProtectedHeader({ alg, kid, typ: 'JWT' }).setIssuer(iss).setIssuedAt().setExpirationTime(exp);
  if (nbf !== undefined) jwt = jwt.setNotBefore(nbf);
  return jwt.sign(key);
}

const b64 = (obj) => Buffer.from(JSON.stringify(obj)).toString('base64url');

// ---- the oidc-provider issuer ----
const oidcServer = http.createServer();
const oidcPort = await listen(oidcServer);
const oidcIssuer = `http://127.0.0.1:${oidcPort}`;
const providerKey = await jose.generateKeyPair('RS256', { extractable: true });
const provider = new Provider(oidcIssuer, {
  clients: [{ client_id: 'lakegate-client', client_secret: 'lakegate-secret', grant_types: ['client_credentials'], redirect_uris: [], response_types: [] }],
  jwks: { keys: [{ ...(await jose.exportJWK(providerKey.privateKey)), kid: 'oidc-1', alg: 'RS256', use: 'sig' }] },
  scopes: ['read:items'],
  features: {
    clientCredentials: { enabled: true },
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => 'urn:lakegate:api',
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({ scope: 'read:items', audience: 'lakegate-api', accessTokenFormat: 'jwt', accessTokenTTL: 600, jwt: { sign: { alg: 'RS256' } } }),
    },
  },
});
oidcServer.on('request', provider.callback());

async function oidcToken(scope) {
  const body = new URLSearchParams({ grant_type: 'client_credentials', resource: 'urn:lakegate:api' });
  if (scope) body.set('scope', scope);
  const res = await fetch(`${oidcIssuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('lakegate-client:lakegate-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  const json = await res.json();
  if (!json.access_token) throw new Error(`oidc-provider issued no token: ${JSON.stringify(json)}`);
  return json.access_token;
}

const control = http.createServer();
const controlPort = await listen(control);
const { gateway, reply } = await new Promise((resolve) => {
  console.log(JSON.stringify({ joseIssuer, oidcIssuer, control: `http://127.0.0.1:${controlPort}/run` }));
  control.on('request', (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve({ gateway: JSON.parse(Buffer.concat(chunks).toString('utf8')).gateway, reply: res }));
  });
});

async function call(path, authorization) {
  const headers = authorization === undefined ? {} : { authorization };
  const res = await fetch(`${gateway}${path}`, { headers });
  return { status: res.status, body: await res.text() };
}

const results = {};
const run = async (name, path, authorization) => { results[name] = await call(path, authorization); };

const aud = 'lakegate-api';
const valid = await sign({ sub: 'user-7', aud, email: 'u7@example.com' });
await run('jose-rs256-bearer', '/jwtapi/jose/1', `Bearer ${valid}`);
await run('jose-rs256-raw', '/jwtapi/jose/1', valid);
await run('jose-es256', '/jwtapi/jose/1', `Bearer ${await sign({ sub: 'user-7', aud }, { alg: 'ES256', kid: 'ec-1', key: ec.privateKey })}`);
await run('jose-ps256', '/jwtapi/jose/1', `Bearer ${await sign({ sub: 'user-7', aud }, { alg: 'PS256', kid: 'pss-1', key: pss.privateKey })}`);
await run('jose-client-id-instead-of-aud', '/jwtapi/jose/1', `Bearer ${await sign({ sub: 'user-7', client_id: aud })}`);
await run('jose-missing-token', '/jwtapi/jose/1', undefined);
await run('jose-expired', '/jwtapi/jose/1', `Bearer ${await sign({ sub: 'user-7', aud }, { exp: now() - 3600 })}`);
await run('jose-wrong-audience', '/jwtapi/jose/1', `Bearer ${await sign({ sub: 'user-7', aud: 'someone-else' })}`);
await run('jose-wrong-issuer', '/jwtapi/jose/1', `Bearer ${await sign({ sub: 'user-7', aud }, { iss: 'https://evil.example.com/pool' })}`);
await run('jose-not-yet-valid', '/jwtapi/jose/1', `Bearer ${await sign({ sub: 'user-7', aud }, { nbf: now() + 3600 })}`);
await run('jose-unknown-kid', '/jwtapi/jose/1', `Bearer ${await sign({ sub: 'user-7', aud }, { kid: 'nobody', key: stranger.privateKey })}`);
await run('jose-known-kid-wrong-key', '/jwtapi/jose/1', `Bearer ${await sign({ sub: 'user-7', aud }, { key: stranger.privateKey })}`);
const unsigned = `${b64({ alg: 'none', typ: 'JWT', kid: 'rsa-1' })}.${b64({ sub: 'user-7', aud, iss: joseIssuer, exp: now() + 600 })}.`;
await run('jose-alg-none', '/jwtapi/jose/1', `Bearer ${unsigned}`);
const pem = new TextEncoder().encode(await jose.exportSPKI(rsa.publicKey));
const confused = await new jose.SignJWT({ sub: 'user-7', aud }).setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' }).setIssuer(joseIssuer).setExpirationTime(now() + 600).sign(pem);
await run('jose-hs256-with-rsa-public-key', '/jwtapi/jose/1', `Bearer ${confused}`);
const jwkSecret = new TextEncoder().encode(JSON.stringify(jwks.keys[0]));
const confusedJwk = await new jose.SignJWT({ sub: 'user-7', aud }).setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' }).setIssuer(joseIssuer).setExpirationTime(now() + 600).sign(jwkSecret);
await run('jose-hs256-with-rsa-jwk', '/jwtapi/jose/1', `Bearer ${confusedJwk}`);
const tampered = valid.split('.');
tampered[1] = b64({ sub: 'admin', aud, iss: joseIssuer, exp: now() + 600 });
await run('jose-tampered-payload', '/jwtapi/jose/1', `Bearer ${tampered.join('.')}`);
await run('jose-garbage', '/jwtapi/jose/1', 'Bearer not.a.jwt');
await run('jose-scope-present', '/jwtapi/scoped', `Bearer ${await sign({ sub: 'user-7', aud, scope: 'other read:items' })}`);
await run('jose-scope-missing', '/jwtapi/scoped', `Bearer ${await sign({ sub: 'user-7', aud, scope: 'other' })}`);

// Key rotation: a new key appears in the JWKS; a token signed with it is accepted after the gateway refetches.
jwks.keys.push(await publicJwk(rotated.publicKey, 'rsa-2', 'RS256'));
const fetchesBefore = jwksFetches;
await run('jose-rotated-key', '/jwtapi/jose/1', `Bearer ${await sign({ sub: 'user-7', aud }, { kid: 'rsa-2', key: rotated.privateKey })}`);
results['jwks-refetched-for-rotation'] = { status: jwksFetches - fetchesBefore, body: '' };

// Cognito-style user-pool authorizer on a REST API (issuer = the jose pool, audience = app client).
const idToken = await sign({ sub: 'user-7', aud: 'app-client', token_use: 'id', email: 'u7@example.com', 'cognito:username': 'u7' });
const accessToken = await sign({ sub: 'user-7', client_id: 'app-client', token_use: 'access', scope: 'read:items' });
await run('cognito-id-token', '/pool/prod/claims', idToken);
await run('cognito-id-token-bearer', '/pool/prod/claims', `Bearer ${idToken}`);
await run('cognito-access-token-without-scopes-route', '/pool/prod/claims', accessToken);
await run('cognito-access-token-scoped', '/pool/prod/scoped', accessToken);
await run('cognito-id-token-scoped', '/pool/prod/scoped', idToken);
await run('cognito-access-token-wrong-scope', '/pool/prod/scoped', await sign({ sub: 'user-7', client_id: 'app-client', token_use: 'access', scope: 'write:items' }));
await run('cognito-wrong-client', '/pool/prod/scoped', await sign({ sub: 'user-7', client_id: 'other-client', token_use: 'access', scope: 'read:items' }));
await run('cognito-expired', '/pool/prod/claims', await sign({ sub: 'user-7', aud: 'app-client', token_use: 'id' }, { exp: now() - 3600 }));
await run('cognito-missing', '/pool/prod/claims', undefined);

// oidc-provider: a real authorization server's JWT access tokens.
const oidcAccess = await oidcToken('read:items');
results['oidc-access-token-header'] = { status: 0, body: JSON.stringify(jose.decodeProtectedHeader(oidcAccess)) };
results['oidc-access-token-claims'] = { status: 0, body: JSON.stringify(jose.decodeJwt(oidcAccess)) };
await run('oidc-client-credentials', '/jwtapi/oidc/1', `Bearer ${oidcAccess}`);
await run('oidc-client-credentials-scoped', '/jwtapi/oidcscoped', `Bearer ${oidcAccess}`);
await run('oidc-no-scope', '/jwtapi/oidcscoped', `Bearer ${await oidcToken()}`);
await run('oidc-token-for-jose-issuer', '/jwtapi/jose/1', `Bearer ${oidcAccess}`);

reply.writeHead(200, { 'content-type': 'application/json' });
reply.end(JSON.stringify({ results }), () => process.exit(0));
