// Starts one emulator on 127.0.0.1 and a free port chosen by the kernel (port 0, so no race with other
// processes), then writes the port to {dir}/{name}.port. Used by scripts/services/aws-emulators.sh.
//   node start.js dynalite|s3rver|kinesalite DIR
// kinesalite's CLI has no host flag, which is why the three are started through their modules here.
'use strict'
const fs = require('fs')
const path = require('path')

const [name, dir] = process.argv.slice(2)
if (!name || !dir) {
  console.error('usage: node start.js dynalite|s3rver|kinesalite DIR')
  process.exit(2)
}

function ready(port) {
  // Written atomically: the shell script polls for the file and must never read half a number.
  const file = path.join(dir, name + '.port')
  fs.writeFileSync(file + '.tmp', String(port))
  fs.renameSync(file + '.tmp', file)
  console.log(`${name} listening on 127.0.0.1:${port}`)
}

function fail(err) {
  console.error(`${name} failed to start: ${err && err.stack ? err.stack : err}`)
  process.exit(1)
}

if (name === 'dynalite') {
  const server = require('dynalite')({ createTableMs: 50, deleteTableMs: 50, updateTableMs: 50 })
  server.on('error', fail)
  server.listen(0, '127.0.0.1', () => ready(server.address().port))
} else if (name === 'kinesalite') {
  const server = require('kinesalite')({ createStreamMs: 50, deleteStreamMs: 50, updateStreamMs: 50 })
  server.on('error', fail)
  server.listen(0, '127.0.0.1', () => ready(server.address().port))
} else if (name === 's3rver') {
  const S3rver = require('s3rver')
  const directory = path.join(dir, 's3rver-data')
  fs.mkdirSync(directory, { recursive: true })
  new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true })
    .run()
    .then((address) => ready(address.port), fail)
} else {
  fail(new Error('unknown emulator ' + name))
}
