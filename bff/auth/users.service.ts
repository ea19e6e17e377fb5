// Accounts made by the owner and admins: listing and creating members and admins.
import type pg from 'pg';
import { appError } from '../trpc/app-error';
import { hashPassword } from './passwords';
import type { Role, User } from './types';
import { UsersStore } from './users.store';

export class UsersService {
  private readonly users: UsersStore;
  constructor(db: pg.Pool) {
    this.users = new UsersStore(db);
  }

  list(): Promise<User[]> {
    return this.users.list();
  }

  async create(input: { name: string; displayName: string; password: string; role: Exclude<Role, 'owner'> }, createdBy: string | null): Promise<User> {
    const user = await this.users.insert({
      name: input.name,
      displayName: input.displayName || input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      createdBy,
    });
    if (!user) throw appError('CONFLICT', 'users.nameTaken', `The name "${input.name}" is already taken.`);
    return user;
  }
}
