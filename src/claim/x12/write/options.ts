/** What an 837P interchange says about who sends it to whom, and when; the rest comes from the claims. */

export interface Write837Options {
  /** ISA06, GS02 and the submitter id (1000A NM109); at most 15 characters (default `SCRUBJAY`) */
  senderId?: string;
  /** ISA08, GS03 and the receiver id (1000B NM109); at most 15 characters (default `RECEIVER`) */
  receiverId?: string;
  /** 1000A NM103 (default `SCRUBJAY`) */
  submitterName?: string;
  /** the submitter contact (1000A PER02) and telephone (PER04, digits) */
  contactName?: string;
  contactPhone?: string;
  /** 1000B NM103 (default the receiver id) */
  receiverName?: string;
  /** ISA13/IEA02 and GS06/GE02, 1 to 999999999 (default 1) */
  controlNumber?: number;
  /** ISA15: T for test data, P for production (default P) */
  usage?: 'P' | 'T';
  /** when the interchange is made: ISA09/10, GS04/05, BHT05 (default now) */
  now?: Date;
  /** BHT04 of claims that carry no submissionDate, YYYY-MM-DD (default the day of `now`) */
  submissionDate?: string;
  element?: string;
  component?: string;
  repetition?: string;
  segment?: string;
  /** written after each segment terminator (default a line break, so the file reads one segment a line) */
  lineBreak?: string;
}

export const GUIDE_VERSION = '005010X222A1';

export interface Separators {
  element: string;
  component: string;
  repetition: string;
  segment: string;
  lineBreak: string;
}

export function separatorsOf(options: Write837Options): Separators {
  return {
    element: options.element ?? '*',
    component: options.component ?? ':',
    repetition: options.repetition ?? '^',
    segment: options.segment ?? '~',
    lineBreak: options.lineBreak ?? '\n',
  };
}
