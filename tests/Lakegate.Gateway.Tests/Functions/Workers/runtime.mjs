// A minimal Lambda runtime client in plain Node (no packages), for Lakegate's functional tests.
// It speaks the Runtime API loop (next -> handler -> response/error) the way aws-lambda-ric does,
// and picks a handler from the last path segment of the event (REST path or HTTP API rawPath).
import http from 'node:http';
import { appendFileSync } from 'node:fs';

const api = process.env.AWS_LAMBDA_RUNTIME_API;
if (!api) {
  console.error('AWS_LAMBDA_RUNTIME_API is not set');
  process.exit(2);
}
const [host, port] = api.split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function call(method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port: Number(port), method, path, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);

const handlers = {
  async echo(event, context) {
    const env = {};
    for (const k of ['AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', '_HANDLER', 'LAMBDA_TASK_ROOT',
      'AWS_REGION', 'AWS_DEFAULT_REGION', 'TZ', 'LANG', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_RUNTIME_API', 'CUSTOM_VAR', 'LAKEGATE_SECRET']) {
      env[k] = process.env[k] ?? null;
    }
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event, env, context, pid: process.pid }) };
  },
  async malformed() {
    return { statusCode: 200, body: 'x', unexpected: true };
  },
  async raw() {
    return { __raw: 'this is not json' };
  },
  async shorthand() {
    return { message: 'hi' };
  },
  async throws() {
    throw new TypeError('boom');
  },
  async sleep(event) {
    const ms = Number((event.queryStringParameters || {}).ms || 10000);
    await sleep(ms);
    return { statusCode: 200, body: `slept ${ms}` };
  },
  async crash() {
    console.log('about to crash');
    process.exit(1);
  },
  async pid() {
    console.log(`serving from ${process.pid}`);
    return { statusCode: 200, body: String(process.pid) };
  },
  async binary() {
    return { statusCode: 200, headers: { 'Content-Type': 'image/png' }, body: png.toString('base64'), isBase64Encoded: true };
  },
  async cookies() {
    return { statusCode: 201, cookies: ['a=1', 'b=2; Path=/'], headers: { 'content-type': 'text/plain' }, body: 'ok' };
  },
  async status() {
    return { statusCode: '418', multiValueHeaders: { 'X-Multi': ['one', 'two'] }, headers: { 'X-Single': true }, body: 'teapot' };
  },
};

// Lambda authorizers (events with type TOKEN or REQUEST). The behaviour is chosen by the token: the
// TOKEN event's authorizationToken, or a REQUEST event's x-token header (any case) / first identity
// source. Each invocation appends its token to AUTHZ_COUNT_FILE, so tests count real invocations.
function policy(effect, resource) {
  return { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] };
}

function authorizerToken(event) {
  if (event.type === 'TOKEN') return event.authorizationToken;
  const headers = event.headers || {};
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === 'x-token') return v;
  if (Array.isArray(event.identitySource)) return event.identitySource[0];
  return String(event.identitySource || '').split(',')[0];
}

async function authorize(event) {
  const token = authorizerToken(event);
  if (process.env.AUTHZ_COUNT_FILE) appendFileSync(process.env.AUTHZ_COUNT_FILE, `${token}\n`);
  const arn = event.methodArn ?? event.routeArn;
  const [prefix, stage] = arn.split('/');
  const stageWide = `${prefix}/${stage}/*`;
  const context = { user: 'alice', n: 7, ok: true };
  const [kind, arg] = token.split(':');
  switch (kind) {
    case 'allow': return { principalId: 'user-1', policyDocument: policy('Allow', arn), context };
    case 'allow-all': return { principalId: 'user-1', policyDocument: policy('Allow', stageWide), context };
    case 'allow-get-items': return { principalId: 'user-1', policyDocument: policy('Allow', `${prefix}/${stage}/GET/items/*`), context };
    case 'allow-wild': return { principalId: 'user-1', policyDocument: policy('Allow', `${prefix}/${stage}/G?T/it*`), context };
    case 'deny': return { principalId: 'user-1', policyDocument: { Version: '2012-10-17', Statement: [
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }, { Action: 'execute-api:*', Effect: 'Deny', Resource: [stageWide] }] } };
    case 'nothing': return { principalId: 'user-1', policyDocument: policy('Allow', `${prefix}/other-stage/*`) };
    case 'malformed': return { principalId: 'user-1' };
    case 'badcontext': return { principalId: 'user-1', policyDocument: policy('Allow', stageWide), context: { nested: { a: 1 } } };
    case 'notjson': return { __raw: 'not json' };
    case 'throw': throw new Error('boom');
    case 'unauthorized': throw new Error('Unauthorized');
    case 'key': return { principalId: 'user-1', policyDocument: policy('Allow', stageWide), usageIdentifierKey: arg };
    case 'simple-true': return { isAuthorized: true, context: { user: 'bob', list: [1, 2], obj: { a: 'b' } } };
    case 'simple-false': return { isAuthorized: false };
    case 'echo': return { principalId: 'echo', policyDocument: policy('Allow', stageWide), context: { event: JSON.stringify(event) } };
    default: throw new Error('Unauthorized');
  }
}

async function loop() {
  for (;;) {
    const next = await call('GET', '/2018-06-01/runtime/invocation/next');
    const id = next.headers['lambda-runtime-aws-request-id'];
    const context = {
      awsRequestId: id,
      deadlineMs: Number(next.headers['lambda-runtime-deadline-ms']),
      invokedFunctionArn: next.headers['lambda-runtime-invoked-function-arn'],
      traceId: next.headers['lambda-runtime-trace-id'],
    };
    let event;
    try {
      event = JSON.parse(next.body.toString('utf8'));
    } catch {
      event = {};
    }
    const path = event.rawPath ?? event.path ?? '/';
    const name = path.split('/').filter(Boolean).pop() ?? 'echo';
    const isAuthorizer = event.type === 'TOKEN' || event.type === 'REQUEST';
    const handler = isAuthorizer ? authorize : handlers[name] ?? handlers.echo;
    try {
      const result = await handler(event, context);
      const body = result && result.__raw !== undefined ? result.__raw : JSON.stringify(result);
      await call('POST', `/2018-06-01/runtime/invocation/${id}/response`, body, { 'content-type': 'application/json' });
    } catch (e) {
      await call('POST', `/2018-06-01/runtime/invocation/${id}/error`,
        JSON.stringify({ errorMessage: e.message, errorType: e.name, stackTrace: [] }),
        { 'content-type': 'application/json', 'Lambda-Runtime-Function-Error-Type': 'Runtime.Unhandled' });
    }
  }
}

loop().catch((e) => {
  console.error(`runtime loop failed: ${e.message}`);
  process.exit(3);
});
