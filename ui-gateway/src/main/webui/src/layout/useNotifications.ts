import { api } from '../api/client';
import type { Notification } from '../api/types';
import { usePoll } from '../api/usePoll';

/** Active notifications (polled every 15 s): their count for the masthead and the banners to show. */
export function useNotifications() {
  const { data } = usePoll((signal) => api.get<Notification[]>('/api/notifications', { signal }), 15_000);
  const list = data ?? [];
  return { active: list.length, banners: list.filter((n) => n.banner), notifications: list };
}
