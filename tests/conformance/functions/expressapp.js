// An Express app wrapped by @vendia/serverless-express, as its README shows. The app knows nothing
// of Lambda; serverless-express turns API Gateway events (payload 1.0 or 2.0) into Node requests.
const crypto = require('node:crypto');
const express = require('express');
const serverlessExpress = require('@vendia/serverless-express');

const app = express();
app.use(express.json());
app.use(express.raw({ type: 'application/octet-stream', limit: '1mb' }));

app.get('/items/:id', (req, res) => {
  res.set('X-Item', req.params.id);
  res.json({
    id: req.params.id,
    path: req.path,
    query: req.query,
    custom: req.get('x-custom') ?? null,
    cookie: req.get('cookie') ?? null,
    method: req.method,
  });
});

app.post('/items', (req, res) => {
  res.status(201).location(`/items/${req.body.id}`).json({ created: req.body });
});

app.post('/upload', (req, res) => {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  res.json({ bytes: body.length, sha256: crypto.createHash('sha256').update(body).digest('hex') });
});

app.get('/cookies', (req, res) => {
  res.cookie('a', '1', { path: '/' });
  res.cookie('b', '2', { httpOnly: true });
  res.type('text/plain').send('two cookies');
});

app.get('/logo', (req, res) => {
  res.type('image/png').send(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10, 0x80]));
});

app.get('/boom', () => {
  throw new Error('express route failed');
});

app.use((req, res) => res.status(404).json({ message: `no route for ${req.method} ${req.path}` }));

exports.handler = serverlessExpress({ app, binarySettings: { contentTypes: ['image/png', 'application/octet-stream'] } });
