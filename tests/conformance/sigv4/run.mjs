// Sends SigV4-signed requests to a running Lakegate gateway, signed by two implementations Lakegate did not
// write: aws4 and the AWS SDK for JavaScript v3 signer (@smithy/signature-v4 with @aws-crypto/sha256-js).
// Every case is sent over a real socket; the gateway's status and body are reported, never judged here
// (the xunit test holds the expectations).
// argv: JSON {baseUrl, prefix (e.g. /iamapi/prod), accessKeyId, secretAccessKey}
// stdout: JSON array of {name, status, body}
import http from 'node:http';
import aws4 from 'aws4';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';

const config = JSON.parse(process.argv[2]);
const base = new URL(config.baseUrl);
const host = base.host;
const credentials = { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey };
const wrongSecret = { ...credentials, secretAccessKey: credentials.secretAccessKey + 'x' };
const region = 'us-east-1';
const service = 'execute-api';
const minutesAgo = (m) => new Date(Date.now() - m * 60_000);
const amzDate = (d) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function send({ method, path, headers, body }) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, method, path, headers, setHost: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

// ---- aws4
function aws4Sign({ method, path, headers = {}, body, signQuery = false, date, creds = credentials }) {
  const h = { ...headers };
  if (date) {
    if (signQuery) path += (path.includes('?') ? '&' : '?') + 'X-Amz-Date=' + amzDate(date);
    else h['X-Amz-Date'] = amzDate(date);
  }
  const request = { host, method, path, headers: h, body, service, region, signQuery };
  aws4.sign(request, creds);
  const sent = { ...request.headers, Host: host };
  if (body !== undefined) sent['Content-Length'] = Buffer.byteLength(body);
  return { method, path: request.path, headers: sent, body };
}

// ---- AWS SDK v3 signer
async function smithySign({ method, path, headers = {}, body, presign = false, date = new Date(), creds = credentials }) {
  const signer = new SignatureV4({ credentials: creds, region, service, sha256: Sha256 });
  const url = new URL(path, base);
  const query = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const request = {
    method, protocol: 'http:', hostname: base.hostname, port: Number(base.port), path: url.pathname, query,
    headers: { host, ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) }, body,
  };
  const signed = presign
    ? await signer.presign(request, { signingDate: date, expiresIn: 300 })
    : await signer.sign(request, { signingDate: date });
  const qs = Object.entries(signed.query ?? {}).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return { method, path: signed.path + (qs ? '?' + qs : ''), headers: signed.headers, body };
}

const tamperPath = (r) => ({ ...r, path: r.path.replace('/items/1', '/items/2') });
const tamperQuery = (r) => ({ ...r, path: r.path.replace('q=a', 'q=b') });
const tamperHeader = (r) => ({ ...r, headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, k.toLowerCase() === 'x-team' ? 'red' : v])) });
const tamperBody = (r) => ({ ...r, body: r.body.replace('1', '2') });

const post = { method: 'POST', path: `${config.prefix}/items/1?q=a`, headers: { 'x-team': 'blue', 'content-type': 'application/json' }, body: '{"n":1}' };
const cases = [];
for (const [name, sign] of [['aws4', (o) => Promise.resolve(aws4Sign(o))], ['sdkv3', (o) => smithySign({ ...o, presign: o.signQuery })]]) {
  cases.push([`${name}/header/get`, await sign({ method: 'GET', path: `${config.prefix}/whoami?b=2&a=1&e=%20x` })]);
  cases.push([`${name}/header/post`, await sign(post)]);
  cases.push([`${name}/header/encoded-path`, await sign({ method: 'GET', path: `${config.prefix}/items/a%20b%2Fc` })]);
  cases.push([`${name}/query/get`, await sign({ method: 'GET', path: `${config.prefix}/whoami?x=1`, signQuery: true })]);
  const signedPost = await sign(post);
  cases.push([`${name}/tampered/path`, tamperPath(signedPost)]);
  cases.push([`${name}/tampered/query`, tamperQuery(signedPost)]);
  cases.push([`${name}/tampered/header`, tamperHeader(signedPost)]);
  cases.push([`${name}/tampered/body`, tamperBody(signedPost)]);
  cases.push([`${name}/tampered/date`, await sign({ method: 'GET', path: `${config.prefix}/whoami`, date: minutesAgo(20) })]);
  cases.push([`${name}/tampered/key`, await sign({ method: 'GET', path: `${config.prefix}/whoami`, creds: wrongSecret })]);
  cases.push([`${name}/tampered/presigned-query`, tamperQuery(await sign({ method: 'GET', path: `${config.prefix}/whoami?q=a`, signQuery: true }))]);
}
cases.push(['unsigned', { method: 'GET', path: `${config.prefix}/whoami`, headers: { Host: host } }]);

const results = [];
for (const [name, request] of cases) {
  const { status, body } = await send(request);
  results.push({ name, status, body });
}

process.stdout.write(JSON.stringify(results));
