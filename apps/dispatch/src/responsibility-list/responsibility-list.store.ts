import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { fold, type EventMetadata } from '@county/contracts';
import { executeCommand, type EventStore } from '@county/event-store';
import { EVENT_STORE } from '@county/service-kit';
import {
  RESPONSIBILITY_LIST_STREAM,
  responsibilityList,
  type ResponsibilityListCommand,
  type ResponsibilityListEvent,
  type ResponsibilityListState,
} from '@county/rules';

/** The responsibility list's stream: its state (every version) and its commands. */
@Injectable()
export class ResponsibilityListStore {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(client?: PoolClient): Promise<{ state: ResponsibilityListState; version: number }> {
    const { version, events } = await this.store.readStream(RESPONSIBILITY_LIST_STREAM, client);
    return { state: fold(responsibilityList, events.map((e) => ({ type: e.type, data: e.data }) as ResponsibilityListEvent)), version };
  }

  execute(command: ResponsibilityListCommand, metadata: EventMetadata) {
    return executeCommand(this.store, RESPONSIBILITY_LIST_STREAM, responsibilityList, command, metadata);
  }
}
