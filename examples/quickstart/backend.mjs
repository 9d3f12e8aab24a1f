// A tiny inventory service for the quickstart (Node, no dependencies): the backend the gateway
// fronts. Listens on 127.0.0.1:$PORT (default 5101).
import http from 'node:http';

const items = {
  'sku-1': { sku: 'sku-1', name: 'Parquet file', stock: 12 },
  'sku-2': { sku: 'sku-2', name: 'CSV file', stock: 0 },
  'sku-3': { sku: 'sku-3', name: 'JSON file', stock: 7 },
};

const port = Number(process.env.PORT ?? 5101);
http.createServer((req, res) => {
  const url = new URL(req.url, 'http://backend');
  const send = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (url.pathname === '/items') {
    return send(200, Object.values(items));
  }
  const match = url.pathname.match(/^\/items\/([^/]+)$/);
  if (match) {
    const item = items[decodeURIComponent(match[1])];
    return item ? send(200, item) : send(404, { message: `no item ${match[1]}` });
  }
  return send(200, { method: req.method, path: url.pathname, query: url.search, forwardedFor: req.headers['x-forwarded-for'] ?? null });
}).listen(port, '127.0.0.1', () => console.log(`quickstart backend on http://127.0.0.1:${port}`));
