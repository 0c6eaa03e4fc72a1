import express, { type Router } from 'express';
import type { AmazonInitiatedKind, EmulatorControls } from './controls.ts';

/** `/_emulator/*`: the test controls over HTTP, for `npm start` users and other processes. */
export function adminRouter(controls: EmulatorControls): Router {
  const router = express.Router();
  router.use('/_emulator', express.json());

  router.get('/_emulator/feeds', (request, response) => {
    const { orderId } = request.query;
    const feeds = typeof orderId === 'string' ? controls.feedsForOrder(orderId) : controls.feeds();
    response.json({ feeds });
  });
  router.get('/_emulator/adjustments', (_request, response) => {
    response.json({ adjustments: controls.adjustments() });
  });
  router.get('/_emulator/acknowledgements', (_request, response) => {
    response.json({ acknowledgements: controls.acknowledgements() });
  });
  router.get('/_emulator/requests', (_request, response) => {
    response.json({ requests: controls.requests() });
  });
  router.post('/_emulator/faults', (request, response) => {
    if (typeof request.body?.path !== 'string') {
      response.status(400).json({ error: 'path is required' });
      return;
    }
    controls.addFault(request.body);
    response.status(204).end();
  });
  router.delete('/_emulator/faults', (_request, response) => {
    controls.clearFaults();
    response.status(204).end();
  });
  router.post('/_emulator/orders/:orderId/events', (request, response) => {
    const { kind, items, postedDate } = request.body ?? {};
    const posted = typeof postedDate === 'string' ? new Date(postedDate) : undefined;
    if (posted && Number.isNaN(posted.getTime())) {
      response.status(400).json({ error: 'postedDate must be an ISO date' });
      return;
    }
    try {
      const orderId = request.params.orderId;
      const kindOf = kind as AmazonInitiatedKind;
      const adjustmentIds = controls.postAmazonEvent(orderId, kindOf, items ?? [], posted);
      response.status(201).json({ adjustmentIds });
    } catch (error) {
      response.status(404).json({ error: (error as Error).message });
    }
  });
  router.put('/_emulator/settings', (request, response) => {
    const stepMs = Number(request.body?.feedStepMs);
    if (Number.isFinite(stepMs) && stepMs >= 0) controls.setFeedStepMs(stepMs);
    response.status(204).end();
  });
  router.post('/_emulator/reset', (_request, response) => {
    controls.reset();
    response.status(204).end();
  });
  return router;
}
