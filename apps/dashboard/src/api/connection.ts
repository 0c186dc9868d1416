/** Whether the last request reached the server; the app shell shows a banner while it did not. */
const listeners = new Set<() => void>();
let online = true;

export const connection = {
  get online() {
    return online;
  },
  markOnline() {
    if (online) return;
    online = true;
    listeners.forEach((listener) => listener());
  },
  markOffline() {
    if (!online) return;
    online = false;
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
