import { tracker } from './tracker';

export class Checkout {
  constructor(private readonly tracker: typeof import('./tracker').tracker) {}
  start(userId: string) {
    this.tracker.shop.checkoutStarted({ user_id: userId, cart_value: 1, currency: 'eur' });
  }
}
export function done(userId: string) {
  tracker.shop.checkoutCompleted({ user_id: userId, order_value: 1, payment_method: 'card' });
  tracker.shop.productViewed({ product_id: 'p1' });
  tracker.identify(userId);
  tracker.flush();
  history.track?.length;
}
