// A minimal Lambda runtime client: the Runtime API loop that aws-lambda-ric runs (next -> handler -> response or
// error), without its native build. Lakegate starts it with AWS_LAMBDA_RUNTIME_API and _HANDLER=file.export.
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const [file, name] = process.env._HANDLER.split('.');
const handler = (await import(pathToFileURL(path.resolve(file + '.mjs')).href))[name];

function call(method, route, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port: Number(port), method, path: `/2018-06-01/runtime/${route}`,
      headers: body === undefined ? {} : { 'content-type': 'application/json' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

for (;;) {
  const next = await call('GET', 'invocation/next');
  const id = next.headers['lambda-runtime-aws-request-id'];
  try {
    const result = await handler(JSON.parse(next.body), { awsRequestId: id });
    await call('POST', `invocation/${id}/response`, JSON.stringify(result));
  } catch (e) {
    await call('POST', `invocation/${id}/error`, JSON.stringify({ errorType: e.name ?? 'Error', errorMessage: e.message ?? String(e) }));
  }
}
