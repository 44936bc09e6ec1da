import { Client, Connection } from '@temporalio/client';

/** One running workflow on the ops board: what it is, where it stands, and its page in the Temporal Web UI. */
export interface BoardRow {
  readonly workflowId: string;
  readonly caseId: string | null;
  readonly status: string | null;
  readonly unitCode: string | null;
  readonly township: string | null;
  readonly nextDeadline: string | null;
  readonly warningLevel: string | null;
  readonly overdue: boolean;
  readonly temporalUrl: string;
}

export interface Board {
  readonly checkedAt: string;
  readonly dueWithinHour: readonly BoardRow[];
  readonly overdue: readonly BoardRow[];
  readonly supervised: readonly BoardRow[];
  readonly unansweredWhistles: readonly BoardRow[];
}

function first(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v === null) return null;
  return v instanceof Date ? v.toISOString() : String(v);
}

/**
 * The county's clocks from Temporal's visibility (the search attributes case-worker sets): due
 * within the hour, overdue, under supervision, and whistles not answered. Read-only; one
 * connection, opened on first use.
 */
export class OpsBoard {
  private client?: Promise<{ connection: Connection; client: Client }>;

  constructor(
    private readonly settings: { readonly address: string; readonly namespace: string; readonly taskQueue: string; readonly uiUrl: string },
  ) {}

  private connect() {
    this.client ??= Connection.connect({ address: this.settings.address, connectTimeout: 3000 }).then(
      (connection) => ({ connection, client: new Client({ connection, namespace: this.settings.namespace }) }),
      (err) => {
        this.client = undefined;
        throw err;
      },
    );
    return this.client;
  }

  async board(now = new Date(), limit = 50): Promise<Board> {
    const { client } = await this.connect();
    const scope = `ExecutionStatus = 'Running' AND TaskQueue = '${this.settings.taskQueue.replace(/'/g, '')}'`;
    const cases = `WorkflowType = 'caseWorkflow' AND ${scope}`;
    const inHour = new Date(now.getTime() + 3600_000).toISOString();
    const list = async (query: string): Promise<BoardRow[]> => {
      const rows: BoardRow[] = [];
      for await (const w of client.workflow.list({ query, pageSize: limit })) {
        const sa = w.searchAttributes as Record<string, unknown>;
        rows.push({
          workflowId: w.workflowId,
          caseId: w.workflowId.startsWith('case-') ? w.workflowId.slice(5) : null,
          status: first(sa.CaseStatus),
          unitCode: first(sa.ResponsibleUnit),
          township: first(sa.Township),
          nextDeadline: first(sa.NextDeadline),
          warningLevel: first(sa.WarningLevel),
          overdue: first(sa.Overdue) === 'true',
          temporalUrl: `${this.settings.uiUrl}/namespaces/${encodeURIComponent(this.settings.namespace)}/workflows/${encodeURIComponent(w.workflowId)}`,
        });
        if (rows.length >= limit) break;
      }
      return rows;
    };
    const [dueWithinHour, overdue, supervised, unansweredWhistles] = await Promise.all([
      list(`${cases} AND NextDeadline >= '${now.toISOString()}' AND NextDeadline < '${inHour}'`),
      list(`${cases} AND Overdue = true`),
      list(`${cases} AND WarningLevel = 'supervised'`),
      list(`WorkflowType = 'whistleWorkflow' AND ${scope}`),
    ]);
    return { checkedAt: now.toISOString(), dueWithinHour, overdue, supervised, unansweredWhistles };
  }

  async close(): Promise<void> {
    const c = await this.client?.catch(() => undefined);
    await c?.connection.close();
  }
}
