// A real SMTP server (smtp-server) on 127.0.0.1 and a random port, in its own thread: SmtpMailer
// blocks the test's thread while it sends, so the server cannot live there. It posts `{ port }`
// once listening, then `{ raw, from, to }` for every message it accepts. Recipients whose local
// part starts with `refuse` are refused with 550, as a real server refuses an unknown mailbox.
'use strict';
const { parentPort } = require('node:worker_threads');
const { SMTPServer } = require('smtp-server');

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (address.address.startsWith('refuse')) {
      const error = new Error('No such user here');
      error.responseCode = 550;
      callback(error);
      return;
    }
    callback();
  },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      parentPort.postMessage({
        raw: Buffer.concat(chunks).toString('utf8'),
        from: session.envelope.mailFrom && session.envelope.mailFrom.address,
        to: session.envelope.rcptTo.map((recipient) => recipient.address),
      });
      callback();
    });
  },
});

server.listen(0, '127.0.0.1', () => {
  parentPort.postMessage({ port: server.server.address().port });
});

parentPort.on('message', (message) => {
  if (message === 'close') server.close(() => process.exit(0));
});
