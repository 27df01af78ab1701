import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { AppError } from './app-error';
import { errorMiddleware } from './error-middleware';

/* Whatever a handler throws becomes the one envelope; only bugs are 500, and they say nothing inside. */

function appThrowing(thrown: unknown, logged: unknown[] = []) {
  const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
  const app = express();
  app.use(express.json());
  app.post('/x', () => {
    throw thrown;
  });
  app.use(errorMiddleware(logger));
  return app;
}

describe('errorMiddleware', () => {
  it('keeps an AppError’s code, status and details', async () => {
    const res = await request(
      appThrowing(new AppError('conflict', 'stale', undefined, { currentResourceVersion: '9' })),
    )
      .post('/x')
      .expect(409);
    expect(res.body).toEqual({
      error: { code: 'conflict', message: 'stale', details: { currentResourceVersion: '9' } },
    });
  });

  it('treats errors shaped like an AppError (from other modules) as one', async () => {
    const res = await request(appThrowing({ code: 'unavailable', message: 'Prometheus down' }))
      .post('/x')
      .expect(503);
    expect(res.body.error).toEqual({ code: 'unavailable', message: 'Prometheus down' });
  });

  it('answers zod errors with 400 and one path per issue', async () => {
    const zodLike = Object.assign(new Error('invalid'), {
      name: 'ZodError',
      issues: [
        { path: ['edits', 0, 'weights', 1, 'weight'], message: 'Expected number', code: 'invalid_type' },
        { path: [], message: 'Expected object', code: 'invalid_type' },
      ],
    });
    const res = await request(appThrowing(zodLike)).post('/x').expect(400);
    expect(res.body.error.details).toEqual([
      { path: 'edits[0].weights[1].weight', code: 'invalid_type', message: 'Expected number' },
      { path: '(root)', code: 'invalid_type', message: 'Expected object' },
    ]);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await request(appThrowing(new Error('unreached')))
      .post('/x')
      .set('Content-Type', 'application/json')
      .send('{"a":')
      .expect(400);
    expect(res.body.error).toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/^malformed JSON body/),
    });
  });

  it('never echoes the malformed body (a login body holds a bearer token)', async () => {
    const res = await request(appThrowing(new Error('unreached')))
      .post('/x')
      .set('Content-Type', 'application/json')
      .send('{"token": "eyJhbGciOiJSUzI1NiJ9-secret"')
      .expect(400);
    expect(JSON.stringify(res.body)).not.toContain('secret');
    expect(res.body.error.message).toMatch(/^malformed JSON body/);
  });

  it('answers anything else with a bare 500 and logs it with the stack', async () => {
    const logged: unknown[] = [];
    const res = await request(appThrowing(new TypeError('secret internals'), logged))
      .post('/x')
      .expect(500);
    expect(res.body).toEqual({ error: { code: 'internal', message: 'internal server error' } });
    expect(JSON.stringify(logged)).toContain('secret internals');
  });
});
