/** One line of the doctor's table: what was looked at, how it stands, and what was seen or what to do. */
export type DoctorStatus = 'ok' | 'warn' | 'fail' | 'cannot-check';

export interface DoctorRow {
  item: string;
  status: DoctorStatus;
  /** What was seen (ok), or what to do about it. */
  detail: string;
}

export const row = (item: string, status: DoctorStatus, detail: string): DoctorRow => ({ item, status, detail });
