// The thread that talks SMTP for SmtpMailer. The Mailer port is synchronous, nodemailer is not:
// the main thread posts a message and a SharedArrayBuffer, then blocks in Atomics.wait; this
// thread sends, posts the answer on the port and wakes it. Plain CommonJS so that Node runs it as
// is, under ts-jest as under tsx.
'use strict';
const { workerData } = require('node:worker_threads');

const { port, url, timeoutMs } = workerData;
let transport = null;
let setupError = null;
try {
  const nodemailer = require('nodemailer');
  transport = nodemailer.createTransport({
    url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
} catch (error) {
  setupError = error;
}

function answer(signal, reply) {
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on('message', async ({ signal, mail }) => {
  if (setupError) {
    answer(signal, { ok: false, message: String(setupError.message || setupError) });
    return;
  }
  try {
    const info = await transport.sendMail(mail);
    answer(signal, { ok: true, messageId: info.messageId });
  } catch (error) {
    answer(signal, {
      ok: false,
      message: String((error && error.message) || error),
      responseCode: error && typeof error.responseCode === 'number' ? error.responseCode : null,
    });
  }
});
