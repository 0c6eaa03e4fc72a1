import express, { type Router } from 'express';
import type { EmulatorStore } from './state.ts';

/**
 * The "presigned S3" side: PUT uploads a feed document, GET downloads a document. Like S3, the
 * upload must carry the content type the document was created with, and no SP-API token.
 */
export function documentsRouter(store: EmulatorStore): Router {
  const router = express.Router();

  router.put(
    '/_documents/:feedDocumentId',
    express.text({ type: () => true, limit: '10mb' }),
    (request, response) => {
      const document = store.data.documents[request.params.feedDocumentId];
      if (document?.purpose !== 'feed') {
        response.status(404).type('application/xml').send(s3Error('NoSuchKey'));
        return;
      }
      if (request.header('content-type') !== document.contentType) {
        response.status(403).type('application/xml').send(s3Error('SignatureDoesNotMatch'));
        return;
      }
      document.content = typeof request.body === 'string' ? request.body : '';
      store.changed();
      response.status(200).end();
    },
  );

  router.get('/_documents/:feedDocumentId', (request, response) => {
    const document = store.data.documents[request.params.feedDocumentId];
    if (document?.content === undefined) {
      response.status(404).type('application/xml').send(s3Error('NoSuchKey'));
      return;
    }
    response.type(document.contentType).send(document.content);
  });

  return router;
}

const s3Error = (code: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`;
