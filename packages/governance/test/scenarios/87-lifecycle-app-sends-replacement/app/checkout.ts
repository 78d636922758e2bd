import { tracker } from './tracker';

export function checkout(userId: string, total: number, code: string) {
  tracker.shop.checkoutStarted({ user_id: userId, cart_value: total, currency: 'usd', promo_code: code });
  tracker.shop.checkoutCompleted({ user_id: userId, order_value: total, payment_method: 'card' });
  tracker.shop.productViewed({ product_id: 'p1', ...{} });
}

