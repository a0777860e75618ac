import { staffStream, type StaffEvent, type StaffRole } from '@recert/domain';
import { uuidV5, type EventStore } from '@recert/event-store';

/** Namespace of staff ids (a fixed random v4 uuid; never change it: ids derive from emails). */
const STAFF_NAMESPACE = '8f4e2b61-3c7d-4a95-b0e8-6d1f2a9c4e73';

/**
 * One email, one id: `staff-<id>` appended with `no_stream` makes email uniqueness and "the first
 * admin is created once" the stream's own guard, with no projection in between.
 */
export function staffIdOf(email: string): string {
  return uuidV5(email.trim().toLowerCase(), STAFF_NAMESPACE);
}

export interface StaffAccount {
  staffId: string;
  email: string;
  name: string;
  roles: StaffRole[];
  passwordHash: string;
  createdOn: string;
}

/** The account as its own stream tells it (sign-in reads it directly: no projection lag). */
export async function readStaffAccount(store: EventStore, staffId: string): Promise<StaffAccount | null> {
  const recorded = await store.readStream(staffStream(staffId));
  return (recorded as unknown as StaffEvent[]).reduce<StaffAccount | null>((account, event) => {
    if (event.type === 'StaffAccountCreated') {
      const { staffId, email, name, roles, passwordHash, createdOn } = event.data;
      return { staffId, email, name, roles, passwordHash, createdOn };
    }
    return account && { ...account, roles: event.data.roles };
  }, null);
}
