// Procedures about the desktop itself, safe for anyone to read.
import { publicProcedure, router } from './init';

export const VERSION = '0.1.0';

export const systemRouter = router({
  info: publicProcedure.query(() => ({ name: 'Olares Desktop', version: VERSION })),
});
