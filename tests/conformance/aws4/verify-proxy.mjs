// An HTTP server that checks the SigV4 signature of every request with aws4 (not with Lakegate's own code), records
// what it received, and then either forwards the request to an upstream service (an emulator that does not check
// signatures itself) or, with no upstream, answers as a minimal SQS queue (SendMessage, query or JSON protocol).
//   node verify-proxy.mjs --keys AKID=SECRET[:TOKEN],... [--upstream http://127.0.0.1:PORT]
// Prints "listening PORT" once ready. GET /__lakegate/requests returns what was received (secrets are never echoed).
import http from 'node:http';
import crypto from 'node:crypto';
import aws4 from 'aws4';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const keys = new Map();
for (const entry of (option('--keys') ?? '').split(',').filter(Boolean)) {
  const eq = entry.indexOf('=');
  const [secret, token] = entry.slice(eq + 1).split(':');
  keys.set(entry.slice(0, eq), { secret, token });
}
const upstream = option('--upstream');
const recorded = [];
const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');

function verify(req, body) {
  const auth = req.headers['authorization'] ?? '';
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return { ok: false, reason: 'no SigV4 Authorization header' };
  const [, accessKeyId, date, region, service, signedHeaders, signature] = m;
  const key = keys.get(accessKeyId);
  if (!key) return { ok: false, service, reason: `unknown access key ${accessKeyId}` };
  const amzDate = req.headers['x-amz-date'];
  if (!amzDate || !amzDate.startsWith(date)) return { ok: false, service, reason: 'x-amz-date missing or not the scope date' };
  const skew = Math.abs(Date.parse(amzDate.replace(/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/, '$1-$2-$3T$4:$5:$6Z')) - Date.now());
  if (!(skew < 5 * 60 * 1000)) return { ok: false, service, reason: 'x-amz-date more than 5 minutes off' };
  if (key.token !== undefined && req.headers['x-amz-security-token'] !== key.token) return { ok: false, service, reason: 'wrong or missing session token' };
  const names = signedHeaders.split(';');
  if (!names.includes('host')) return { ok: false, service, reason: 'host is not signed' };
  const contentSha = req.headers['x-amz-content-sha256'];
  if (service === 's3' && contentSha !== 'UNSIGNED-PAYLOAD' && contentSha !== sha256(body)) return { ok: false, service, reason: 'x-amz-content-sha256 does not match the body' };
  const headers = {};
  const include = {};
  for (const name of names) {
    const value = req.headers[name];
    if (value === undefined) return { ok: false, service, reason: `signed header ${name} is missing` };
    headers[name] = Array.isArray(value) ? value.join(',') : value;
    include[name] = true;
  }
  const signer = new aws4.RequestSigner({
    service, region, method: req.method, host: req.headers.host, path: req.url, headers, body,
    doNotModifyHeaders: true, extraHeadersToInclude: include,
  }, { accessKeyId, secretAccessKey: key.secret });
  signer.datetime = amzDate;
  const expected = signer.signature();
  return expected === signature ? { ok: true, service } : { ok: false, service, reason: 'signature mismatch' };
}

function refuse(res, result) {
  if (result.service === 's3') {
    res.writeHead(403, { 'content-type': 'application/xml' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code><Message>${result.reason}</Message></Error>`);
  } else {
    res.writeHead(403, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify({ __type: 'InvalidSignatureException', message: result.reason }));
  }
}

function sqs(req, res, body) {
  const json = (req.headers['content-type'] ?? '').startsWith('application/x-amz-json');
  let action, params;
  if (json) {
    action = (req.headers['x-amz-target'] ?? '').replace(/^AmazonSQS\./, '');
    params = JSON.parse(body.toString('utf8') || '{}');
  } else {
    params = Object.fromEntries(new URLSearchParams(req.url.split('?')[1] ?? ''));
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
    action = params.Action;
  }
  const messageBody = params.MessageBody;
  if (action !== 'SendMessage' || typeof messageBody !== 'string' || messageBody.length === 0) {
    res.writeHead(400, { 'content-type': json ? 'application/x-amz-json-1.0' : 'text/xml' });
    res.end(json ? JSON.stringify({ __type: 'MissingParameter', message: 'MessageBody is required' })
      : '<ErrorResponse><Error><Type>Sender</Type><Code>MissingParameter</Code><Message>MessageBody is required</Message></Error></ErrorResponse>');
    return;
  }
  const md5 = crypto.createHash('md5').update(messageBody, 'utf8').digest('hex');
  const id = crypto.randomUUID();
  if (json) {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(JSON.stringify({ MessageId: id, MD5OfMessageBody: md5 }));
  } else {
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(`<SendMessageResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><SendMessageResult><MD5OfMessageBody>${md5}</MD5OfMessageBody><MessageId>${id}</MessageId></SendMessageResult><ResponseMetadata><RequestId>${crypto.randomUUID()}</RequestId></ResponseMetadata></SendMessageResponse>`);
  }
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (req.method === 'GET' && req.url === '/__lakegate/requests') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(recorded));
      return;
    }
    const result = verify(req, body);
    const headers = { ...req.headers };
    delete headers['authorization'];
    delete headers['x-amz-security-token'];
    recorded.push({ method: req.method, url: req.url, headers, body: body.toString('base64'), verified: result.ok, reason: result.reason ?? null });
    if (!result.ok) {
      refuse(res, result);
      return;
    }
    if (!upstream) {
      sqs(req, res, body);
      return;
    }
    const target = new URL(req.url, upstream);
    const forward = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('upstream failed: ' + e.code);
    });
    forward.end(body);
  });
});

server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
