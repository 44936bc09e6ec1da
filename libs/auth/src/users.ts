import { units, type Unit } from '@county/reference';
import type { Principal, Role } from './principal';

/**
 * The demo county's users, derived from its units (libs/reference): a few per unit for tries
 * and tests. Ids are stable: `<unit code lowercased>.<post>`, e.g. `qh-cg-01.staff-1`,
 * `qh-urban.leader`, `qh-centre.dispatcher-1`, `qh-centre.admin`. Display names name the post,
 * never a person.
 */
export interface SeedUser extends Principal {
  readonly displayName: string;
}

function user(unit: Unit, post: string, role: Role, label: string): SeedUser {
  return { userId: `${unit.code.toLowerCase()}.${post}`, unitCode: unit.code, role, displayName: `${unit.name.zh} ${label}` };
}

function usersOf(unit: Unit): SeedUser[] {
  switch (unit.kind) {
    case 'centre':
      return [user(unit, 'dispatcher-1', 'centre', '派单员 1'), user(unit, 'dispatcher-2', 'centre', '派单员 2'), user(unit, 'admin', 'admin', '系统管理员')];
    case 'grid':
      return [user(unit, 'worker', 'unit-staff', '专职网格员')];
    default:
      return [user(unit, 'staff-1', 'unit-staff', '工作人员 1'), user(unit, 'staff-2', 'unit-staff', '工作人员 2'), user(unit, 'leader', 'unit-leader', '负责人')];
  }
}

let cache: ReadonlyMap<string, SeedUser> | undefined;

export function seedUsers(): ReadonlyMap<string, SeedUser> {
  cache ??= new Map(units().flatMap(usersOf).map((u) => [u.userId, u]));
  return cache;
}

export function seedUser(userId: string): SeedUser | undefined {
  return seedUsers().get(userId);
}
