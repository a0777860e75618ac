import { notifications } from '@mantine/notifications';

/** Tells the user a command went through (or what happened to it); the theme keeps it readable (main.tsx). */
export function notify(title: string, message: string, color = 'green'): void {
  notifications.show({ title, message, color });
}
