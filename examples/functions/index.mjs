// A plain Lambda handler: nothing in it knows about Lakegate.
export const handler = async (event, context) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    greeting: process.env.GREETING,
    version: event.version ?? '1.0',
    path: event.rawPath ?? event.path,
    query: event.queryStringParameters,
    requestId: context.awsRequestId,
  }),
});
