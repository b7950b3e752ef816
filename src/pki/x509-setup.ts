// @peculiar/x509 2.x resolves its services through tsyringe, which needs a Reflect polyfill
// loaded first; this module is the only place that imports the library.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export { x509 };
