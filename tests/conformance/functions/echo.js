// Plain Lambda handlers (no framework), run by aws-lambda-ric exactly as Lambda's Node runtime would:
// `node node_modules/aws-lambda-ric/bin/index.mjs echo.<export>`. They only use what any handler
// has: the event, the context object the runtime client builds, and process.env.

// Echoes the event and the runtime context so the test can compare them with API Gateway's shapes.
exports.handler = async (event, context) => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({
    event,
    context: {
      awsRequestId: context.awsRequestId,
      functionName: context.functionName,
      functionVersion: context.functionVersion,
      memoryLimitInMB: context.memoryLimitInMB,
      invokedFunctionArn: context.invokedFunctionArn,
      logGroupName: context.logGroupName,
      remainingTimeInMillis: context.getRemainingTimeInMillis(),
    },
    env: { traceId: process.env._X_AMZN_TRACE_ID ?? null, handler: process.env._HANDLER ?? null, custom: process.env.CONFORMANCE_VAR ?? null, runtimeApi: process.env.AWS_LAMBDA_RUNTIME_API ?? null },
    pid: process.pid,
  }),
});

// A REST-style response with everything payload 1.0 allows: multiValueHeaders (two Set-Cookie),
// a header in both maps (the multi-value entry wins), a non-string header value, a string statusCode.
exports.shaped = async () => ({
  statusCode: '201',
  headers: { 'X-Single': 'one', 'X-Both': 'from-headers', 'X-Flag': true },
  multiValueHeaders: { 'Set-Cookie': ['a=1; Path=/', 'b=2; HttpOnly'], 'X-Both': ['m1', 'm2'] },
  body: 'shaped',
});

// A payload 2.0 response: cookies become Set-Cookie headers.
exports.cookies = async () => ({
  statusCode: 200,
  cookies: ['session=abc; Secure', 'theme=dark'],
  headers: { 'content-type': 'text/plain' },
  body: 'with cookies',
});

// 2.0 shorthand: a result without statusCode is a 200 JSON body.
exports.shorthand = async (event) => ({ shorthand: true, path: event.rawPath ?? event.path });

// Binary out: base64 body flagged isBase64Encoded; and binary in: the request body's bytes, hashed.
exports.binary = async (event) => {
  const body = event.body == null ? Buffer.alloc(0) : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80]);
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'image/png', 'X-Request-Bytes': String(body.length), 'X-Request-Base64': String(event.isBase64Encoded), 'X-Request-Sha256': require('node:crypto').createHash('sha256').update(body).digest('hex') },
    body: bytes.toString('base64'),
    isBase64Encoded: true,
  };
};

// An unhandled error: the runtime client reports it on /error.
exports.fails = async () => {
  const error = new Error('handler failed on purpose');
  error.name = 'ConformanceError';
  throw error;
};

// Dies mid-invocation (as a segfault or an OOM kill would) when asked to with ?crash=1; otherwise
// answers its pid, so a test can see the worker was replaced.
exports.crash = async (event) => {
  if ((event.queryStringParameters ?? {}).crash === '1') {
    console.log('conformance: exiting mid-invocation');
    process.exit(7);
  }
  return { statusCode: 200, body: String(process.pid) };
};

// Sleeps past the function timeout (query ?ms=), or answers its pid.
exports.sleep = async (event) => {
  const query = event.queryStringParameters ?? {};
  const ms = Number(query.ms ?? 0);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return { statusCode: 200, body: String(process.pid) };
};
