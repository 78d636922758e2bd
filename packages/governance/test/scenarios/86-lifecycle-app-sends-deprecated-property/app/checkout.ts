import { tracker } from './tracker';
import { track } from './legacy';

export function checkout(userId: string, total: number, code: string) {
  tracker.shop.checkoutStarted({ user_id: userId, cart_value: total, currency: 'usd', coupon: code });
  tracker.shop.checkoutCompleted({ user_id: userId, order_value: total, payment_method: 'card' });
  tracker.shop.productViewed({ product_id: 'p1', ...{} });
}

export function legacy(userId: string, code: string) {
  track('checkout_started', { user_id: userId, cart_value: 1, currency: 'usd', 'coupon': code });
}
