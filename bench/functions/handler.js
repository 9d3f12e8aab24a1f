// The handler both sides run, unchanged: a small API Gateway proxy response.
exports.hello = async (event) => ({
  statusCode: 200,
  headers: { 'Content-Type': 'text/plain' },
  body: `hello from ${event.path ?? event.rawPath}`,
});
