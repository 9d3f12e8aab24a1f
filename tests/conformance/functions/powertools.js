// A Powertools for AWS Lambda (TypeScript) event-handler app, written the way its documentation
// shows: one Router for both API Gateway REST (payload 1.0) and HTTP API (payload 2.0) events; the
// router detects the event's shape and answers in the matching response format.
const { Router, NotFoundError, BadRequestError } = require('@aws-lambda-powertools/event-handler/http');

const app = new Router();

app.get('/items/:id', async ({ params, req }) => {
  const url = new URL(req.url);
  if (params.id === 'missing') {
    throw new NotFoundError(`item ${params.id} not found`);
  }
  return {
    id: params.id,
    path: url.pathname,
    tags: url.searchParams.getAll('tag'),
    sort: url.searchParams.get('sort'),
    userAgent: req.headers.get('user-agent'),
    custom: req.headers.get('x-custom'),
    cookie: req.headers.get('cookie'),
  };
});

app.post('/items', async ({ req }) => {
  let item;
  try {
    item = await req.json();
  } catch {
    throw new BadRequestError('body must be JSON');
  }
  return new Response(JSON.stringify({ created: item }), {
    status: 201,
    headers: { 'Content-Type': 'application/json', Location: `/items/${item.id}`, 'Set-Cookie': `last=${item.id}` },
  });
});

// Two cookies through the extended proxy result (`cookies`), which the router turns into
// multiValueHeaders['set-cookie'] for REST and `cookies` for HTTP API. (A web Response with two
// Set-Cookie headers loses the first in event-handler 2.35.0: it copies headers with set().)
app.get('/cookies', async () => ({
  statusCode: 200,
  headers: { 'Content-Type': 'text/plain' },
  cookies: ['a=1', 'b=2; Path=/'],
  body: 'two cookies',
}));

// Binary: an ArrayBuffer result is sent base64-encoded with isBase64Encoded: true.
app.get('/logo', async () => {
  const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10, 0x80]);
  return bytes.buffer;
});

exports.handler = async (event, context) => app.resolve(event, context);
