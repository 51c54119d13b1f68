/**
 * The per-minute quotas (developers.google.com/workspace/sheets/api/limits): 60 read and 60 write
 * requests per minute per user, 300 of each per project; past them the API answers HTTP 429.
 */
import { ApiFailure } from './errors';

/** Requests per minute. */
export interface SheetsQuota {
  readsPerMinute: number;
  writesPerMinute: number;
  readsPerMinutePerProject: number;
  writesPerMinutePerProject: number;
}

export const DEFAULT_SHEETS_QUOTA: Readonly<SheetsQuota> = {
  readsPerMinute: 60,
  writesPerMinute: 60,
  readsPerMinutePerProject: 300,
  writesPerMinutePerProject: 300,
};

const QUOTA_WINDOW_MS = 60_000;
/** The consumer Google names in a quota error; a made-up project number. */
const PROJECT_NUMBER = '100000000000';

type RequestKind = 'read' | 'write';

export class Quota {
  private limits: SheetsQuota | null = { ...DEFAULT_SHEETS_QUOTA };
  /** Times of admitted requests in the last minute, by 'read'/'write' and user ('*' = project). */
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  /** A partial quota changes those limits, `false` switches the quota off; the count starts over. */
  set(quota: Partial<SheetsQuota> | false): void {
    this.limits = quota === false ? null : { ...(this.limits ?? DEFAULT_SHEETS_QUOTA), ...quota };
    this.forget();
  }

  /** Forgets the requests counted so far. */
  forget(): void {
    this.recent.clear();
  }

  /**
   * Counts one request of `caller`, or throws the API's 429 if it is over a limit. A sliding minute:
   * deterministic in tests, and never laxer than Google's refill each minute.
   */
  admit(caller: string, kind: RequestKind): void {
    if (!this.limits) return;
    const now = this.now();
    const user = this.window(`${kind}:${caller}`, now);
    const project = this.window(`${kind}:*`, now);
    const metric = kind === 'read' ? 'Read requests' : 'Write requests';
    const perUser = kind === 'read' ? this.limits.readsPerMinute : this.limits.writesPerMinute;
    const perProject =
      kind === 'read' ? this.limits.readsPerMinutePerProject : this.limits.writesPerMinutePerProject;
    const limit =
      user.length >= perUser
        ? `${metric} per minute per user`
        : project.length >= perProject
          ? `${metric} per minute`
          : undefined;
    if (limit) {
      throw new ApiFailure(
        429,
        'RESOURCE_EXHAUSTED',
        `Quota exceeded for quota metric '${metric}' and limit '${limit}' of service 'sheets.googleapis.com' for consumer 'project_number:${PROJECT_NUMBER}'.`,
      );
    }
    user.push(now);
    project.push(now);
  }

  private window(key: string, now: number): number[] {
    const kept = (this.recent.get(key) ?? []).filter((t) => t > now - QUOTA_WINDOW_MS);
    this.recent.set(key, kept);
    return kept;
  }
}
