import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import type { EmulatorControls } from './controls.ts';
import { order } from './seed-builders.ts';

const item = z.object({
  id: z.string().min(1),
  sku: z.string().min(1),
  asin: z.string().min(10),
  title: z.string().min(1),
  quantity: z.number().int().positive(),
  price: z.number().nonnegative(),
  tax: z.number().nonnegative(),
  shipping: z.number().nonnegative().optional(),
  shippingTax: z.number().nonnegative().optional(),
  discount: z.number().nonnegative().optional(),
});

const newOrder = z.object({
  orderId: z.string().regex(/^\d{3}-\d{7}-\d{7}$/),
  daysAgo: z.number().nonnegative(),
  channel: z.enum(['MFN', 'AFN']),
  status: z.enum(['Shipped', 'Unshipped']),
  items: z.array(item).min(1),
  buyerEmail: z.email().optional(),
  buyerPostcode: z.string().min(1).optional(),
});

const returnRequest = z.object({
  orderId: z.string().min(1),
  sku: z.string().min(1),
  quantity: z.number().int().positive().optional(),
  reason: z.string().min(1),
  returnDate: z.iso.datetime().optional(),
  id: z
    .string()
    .regex(/^[A-Za-z0-9]{1,40}$/)
    .optional(),
  disposition: z.string().min(1).optional(),
});

const notification = z.object({
  notificationType: z.string().regex(/^[A-Z_]+$/),
  payload: z.record(z.string(), z.unknown()),
});

/**
 * `/_emulator/*` routes that make the facts intake reads: orders, returns-report rows and
 * notifications (financial events: `POST /_emulator/orders/{id}/events`).
 */
export function intakeAdminRouter(controls: EmulatorControls): Router {
  const router = express.Router();
  router.use('/_emulator', express.json());

  router.post('/_emulator/orders', (request, response) => {
    const parsed = newOrder.safeParse(request.body);
    if (!parsed.success) return badRequest(response, parsed.error);
    const { orderId, daysAgo, channel, status, items, buyerEmail, buyerPostcode } = parsed.data;
    const created = order(orderId, daysAgo, channel, status, items, new Date());
    // Restricted data: real Amazon shows these only with a Restricted Data Token.
    if (buyerEmail) created.order.BuyerInfo = { BuyerEmail: buyerEmail };
    if (buyerPostcode) {
      created.order.ShippingAddress = { Name: '', PostalCode: buyerPostcode, CountryCode: 'US' };
    }
    controls.addOrders([created]);
    response.status(201).json(created);
  });

  for (const [path, add] of [
    ['/_emulator/returns', controls.addReturn],
    ['/_emulator/fba-returns', controls.addFbaReturn],
  ] as const) {
    router.post(path, (request, response) => {
      const parsed = returnRequest.safeParse(request.body);
      if (!parsed.success) return badRequest(response, parsed.error);
      try {
        response.status(201).json(add(parsed.data));
      } catch (error) {
        response.status(404).json({ error: (error as Error).message });
      }
    });
  }

  router.post('/_emulator/notifications', (request, response) => {
    const parsed = notification.safeParse(request.body);
    if (!parsed.success) return badRequest(response, parsed.error);
    const sent = controls.publishNotification(parsed.data.notificationType, parsed.data.payload);
    response.status(201).json(sent);
  });

  return router;
}

function badRequest(response: Response, error: z.ZodError): void {
  response.status(400).json({ error: z.prettifyError(error) });
}
