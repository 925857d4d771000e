// A scripted OpenAI-compatible server on 127.0.0.1 for tests: /v1/responses and
// /v1/chat/completions as SSE streams, GET /v1/models/<id>. It runs in its own process so that
// tests may block on spawnSync(git commit) while it answers. Every request is appended to a log.
import http from 'node:http';
import fs from 'node:fs';

const scenario = JSON.parse(process.argv[2]);
const { log, answer, status, mode, delayMs = 0 } = scenario;

function sse(res, events) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const [event, data] of events) res.write(`${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
  res.end();
}

function chunks(text) {
  const out = [];
  for (let i = 0; i < text.length; i += 40) out.push(text.slice(i, i + 40));
  return out;
}

function respond(req, res, body) {
  const text = mode === 'malformed' ? '{"verdict": "ready", "summ' : JSON.stringify(answer);
  if (req.url.endsWith('/responses')) {
    const events = [['response.created', { type: 'response.created', sequence_number: 0, response: { id: 'resp_1', object: 'response', status: 'in_progress', output: [] } }]];
    chunks(text).forEach((delta, i) =>
      events.push(['response.output_text.delta', { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta, logprobs: [], sequence_number: i + 1 }]),
    );
    events.push(['response.completed', { type: 'response.completed', sequence_number: 999, response: { id: 'resp_1', object: 'response', status: 'completed', output: [] } }]);
    return sse(res, events);
  }
  const events = chunks(text).map((content) => [null, { id: 'c1', object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta: { content }, finish_reason: null }] }]);
  events.push([null, { id: 'c1', object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }]);
  events.push([null, '[DONE]']);
  return sse(res, events);
}

const server = http.createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    const body = raw ? JSON.parse(raw) : null;
    fs.appendFileSync(log, `${JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body })}\n`);
    if (req.method === 'GET' && req.url.startsWith('/v1/models/')) {
      const id = decodeURIComponent(req.url.slice('/v1/models/'.length));
      if (scenario.models && !scenario.models.includes(id)) {
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { message: `model ${id} not found` } }));
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ id, object: 'model', created: 0, owned_by: 'test' }));
    }
    if (mode === 'hang') return; // never answers
    setTimeout(() => {
      if (status && status !== 200) {
        res.writeHead(status, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { message: `scripted ${status}`, type: 'server_error' } }));
      }
      respond(req, res, body);
    }, delayMs);
  });
});

server.listen(0, '127.0.0.1', () => process.stdout.write(`PORT ${server.address().port}\n`));
process.on('SIGTERM', () => process.exit(0));
