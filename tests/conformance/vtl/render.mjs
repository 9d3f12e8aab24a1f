// Renders Velocity templates with velocityjs, the reference for Lakegate's differential VTL tests.
// stdin: JSON array of {"template": string, "context": object}; stdout: JSON array of
// {"output": string} or {"error": string}, in the same order.
import { render } from 'velocityjs';

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}

const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const results = cases.map(({ template, context }) => {
  try {
    return { output: render(template, context ?? {}) };
  } catch (e) {
    return { error: String(e && e.message ? e.message : e).split('\n')[0] };
  }
});

process.stdout.write(JSON.stringify(results));
