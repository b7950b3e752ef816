import type { FastifyPluginAsync } from 'fastify';
import { statusOf } from './certificate-authority.js';
import { readIfExists } from './fs-atomic.js';
import { pkiPaths } from './paths.js';
import { readRegistry } from './registry.js';
import { normalizeSerial } from './serial.js';

const unavailable = { ok: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'PKI not initialised' } };

/**
 * The PKI's publication point: GET /pki/ca.der, /pki/crl.der and /pki/status/:serial (JSON),
 * read from the files under dataDir/pki on every request so a revocation shows at once.
 */
export const pkiRoutes: FastifyPluginAsync<{ dataDir: string }> = async (app, opts) => {
  const paths = pkiPaths(opts.dataDir);
  app.get('/pki/ca.der', async (_req, reply) => {
    const der = readIfExists(paths.caCertificate);
    if (!der) return reply.code(503).send(unavailable);
    return reply.type('application/pkix-cert').header('cache-control', 'public, max-age=3600').send(der);
  });
  app.get('/pki/crl.der', async (_req, reply) => {
    const der = readIfExists(paths.crl);
    if (!der) return reply.code(503).send(unavailable);
    return reply.type('application/pkix-crl').header('cache-control', 'no-cache').send(der);
  });
  app.get<{ Params: { serial: string } }>('/pki/status/:serial', async (req, reply) => {
    const serial = normalizeSerial(req.params.serial);
    if (!serial)
      return reply.code(400).send({
        ok: false,
        error: { code: 'INVALID_REQUEST', field: 'serial', message: 'serial must be hexadecimal' },
      });
    const registry = readRegistry(opts.dataDir);
    if (!registry) return reply.code(503).send(unavailable);
    return reply.header('cache-control', 'no-cache').send(statusOf(registry.certificates, serial));
  });
};
