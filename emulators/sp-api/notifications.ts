import { randomUUID } from 'node:crypto';
import type { EmulatorStore, SentNotification } from './state.ts';

const APPLICATION_ID = 'amzn1.sellerapps.app.acorn-emulator';

/**
 * Publishes a notification the way Amazon's Notifications API does to an SQS destination: the
 * message body is this envelope, and `NotificationMetadata.NotificationId` names it for good
 * (Amazon may deliver one notification more than once).
 */
export function publishNotification(
  store: EmulatorStore,
  notificationType: string,
  payload: Record<string, unknown>,
  eventTime = new Date(),
): SentNotification {
  const notification: SentNotification = {
    NotificationVersion: '1.0',
    NotificationType: notificationType,
    PayloadVersion: '1.0',
    EventTime: eventTime.toISOString(),
    Payload: payload,
    NotificationMetadata: {
      ApplicationId: APPLICATION_ID,
      SubscriptionId: `subscription-${notificationType.toLowerCase()}`,
      PublishTime: new Date().toISOString(),
      NotificationId: randomUUID(),
    },
  };
  store.data.notifications = [...(store.data.notifications ?? []), notification];
  store.changed();
  return notification;
}
