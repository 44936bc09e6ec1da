/** Who makes a request: a person of a unit, in a role. Carried by the request's signed token. */
export const ROLES = ['unit-staff', 'unit-leader', 'centre', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** The person's user id (pseudonymous; never a name or a phone). */
  readonly userId: string;
  readonly unitCode: string;
  readonly role: Role;
}

/** Roles that act for their unit on its cases and whistles. */
export const UNIT_ROLES: readonly Role[] = ['unit-staff', 'unit-leader'];
