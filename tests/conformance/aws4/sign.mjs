// Signs requests with aws4 (an independent SigV4 implementation) for Lakegate's conformance tests.
// stdin: JSON array of {service, region, method, host, path (wire form, may carry ?query), headers, body,
//   signQuery, date (yyyyMMddTHHmmssZ), credentials {accessKeyId, secretAccessKey, sessionToken?}}
// stdout: JSON array of {path, headers, authorization, canonical} in the same order (path includes the query aws4
// produced; headers are every header aws4 sent, including the ones it added).
import aws4 from 'aws4';

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}

const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const results = cases.map((c) => {
  const headers = { ...c.headers };
  let path = c.path;
  if (c.signQuery) {
    path += (path.includes('?') ? '&' : '?') + 'X-Amz-Date=' + c.date;
  } else {
    headers['X-Amz-Date'] = c.date;
  }
  const request = {
    service: c.service, region: c.region, method: c.method, host: c.host, path, headers,
    body: c.body === null ? undefined : c.body, signQuery: c.signQuery,
  };
  const signer = new aws4.RequestSigner(request, c.credentials);
  const canonical = signer.canonicalString();
  signer.sign();
  return { path: signer.request.path, headers: signer.request.headers, authorization: signer.request.headers.Authorization ?? null, canonical };
});

process.stdout.write(JSON.stringify(results));
