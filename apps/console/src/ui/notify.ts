import { notifications } from '@mantine/notifications';

/** Tells the user a command went through (or what happened to it); the theme keeps it readable (main.tsx). */
export function notify(title: string, message: string, color = 'green'): void {
  notifications.show({ title, message, color });
}

/** Input descriptions in a readable grey (Mantine's "dimmed" is 3.3:1 on white; this is 7:1). */
export const READABLE_DESCRIPTION = { c: 'gray.8' } as const;
