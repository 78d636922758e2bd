import { tracker } from './tracker';
import { track } from './legacy';

export function openCheckout(userId: string, cart: { total: number }) {
  tracker.shop.checkoutStarted({ user_id: userId, cart_value: cart.total, currency: 'usd' });
  tracker.shop.checkoutStartd({ user_id: userId });
}

export function legacy(userId: string) {
  track('checkout_completed', { user_id: userId, order_value: 10, payment_method: 'card' });
  track('cart_abandoned', { user_id: userId });
  tracker.shop.productViewed({ product_id: 'p1' });
}
