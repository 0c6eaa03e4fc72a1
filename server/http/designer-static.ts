import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';

/** Serves the built designer and falls back to index.html for its client-side routes. */
export function designerStatic(distDir: string): Router {
  const router = express.Router();
  if (!existsSync(join(distDir, 'index.html'))) return router;
  router.use(express.static(distDir, { index: 'index.html', maxAge: '1h' }));
  router.get(/^\/(?!api\/|health).*/, (_request, response) => {
    response.sendFile(join(distDir, 'index.html'));
  });
  return router;
}
