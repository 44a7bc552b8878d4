/**
 * Practice for trainees: a made-up claim with planted defects, the trainee's marks on it,
 * the score against the scrub, and progress per rule family. The answer to an exercise is
 * never part of the exercise itself; the server keeps it until the marks come in.
 */
import { z } from 'zod';

export const PracticeLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]).describe('1: one obvious defect; 2: one subtle defect (edit tables, compatibility, filing, history); 3: several at once');

export const ExerciseSchema = z
  .object({
    id: z.string().describe('the exercise to answer: POST /api/training/exercise/{id}/answer'),
    level: PracticeLevelSchema,
    asOf: z.string().describe('the date the claim is judged as, YYYY-MM-DD'),
    claim: z.record(z.string(), z.unknown()).describe("in the claim contract's shape, defects and all: a planted defect may leave a field empty or malformed"),
    defects: z.number().int().describe('how many problems the scrub finds on the claim (errors and warnings)'),
  })
  .meta({ id: 'Exercise', description: 'a practice claim to find the problems on; made up, never a patient of the clinic' });

export const MarkSchema = z
  .object({
    line: z.number().int().min(1).optional().describe('the 1-based service line at fault'),
    field: z.string().min(1).max(200).optional().describe('the claim field at fault, as a contract path (subscriber.memberId, lines[0].units)'),
    carc: z.string().min(1).max(10).describe('the CARC a payer would answer with'),
    ruleId: z.string().min(1).max(200).optional().describe('the rule the trainee thinks it breaks'),
  })
  .strict()
  .refine((m) => m.line !== undefined || m.field !== undefined, { message: 'a mark names a line or a field' })
  .meta({ id: 'Mark', description: 'one problem a trainee marks on a practice claim' });

export const AnswerRequestSchema = z.object({ marks: z.array(MarkSchema).max(100) }).strict().meta({ id: 'AnswerRequest' });

export const ReferenceSchema = z.object({ title: z.string(), section: z.string().optional(), url: z.string().optional() });

export const ScoredFindingSchema = z.object({
  outcome: z.enum(['hit', 'miss']).describe('hit: a mark named its place and CARC; miss: none did'),
  ruleId: z.string(),
  family: z.string().describe('the rule family: its file under the rules folder'),
  line: z.number().int().nullable(),
  path: z.string().nullable(),
  carc: z.string().nullable(),
  message: z.string(),
  explanation: z.string(),
  fix: z.string(),
  references: z.array(ReferenceSchema).describe("the sources the rule rests on"),
  /** when a mark found the place but named another CARC */
  markedCarc: z.string().optional().describe('the CARC a mark on the right place gave, when it was the wrong one'),
});

export const FalseAlarmSchema = z.object({ mark: z.object({ line: z.number().int().optional(), field: z.string().optional(), carc: z.string(), ruleId: z.string().optional() }), reason: z.string() });

export const ScoreSchema = z
  .object({
    exerciseId: z.string(),
    hits: z.number().int(),
    misses: z.number().int(),
    falseAlarms: z.number().int(),
    /** hits over findings and false alarms together: a mark on a clean place counts against */
    accuracy: z.number().describe('hits / (findings + false alarms), 0 to 1'),
    findings: z.array(ScoredFindingSchema),
    wrongMarks: z.array(FalseAlarmSchema),
  })
  .meta({ id: 'Score', description: "a trainee's marks scored against the scrub of the practice claim" });

export const FamilyProgressSchema = z.object({
  family: z.string(),
  attempts: z.number().int().describe('exercises that had a problem of this family'),
  found: z.number().int(),
  missed: z.number().int(),
  accuracy: z.number().describe('found / (found + missed), 0 to 1'),
  streak: z.number().int().describe('exercises in a row, newest back, where none of this family was missed'),
  due: z.boolean().describe('due for practice again: missed lately, or not seen for a while'),
});

export const ProgressSchema = z
  .object({
    username: z.string(),
    exercises: z.number().int(),
    families: z.array(FamilyProgressSchema),
    practiseNext: z.array(z.string()).describe('the families to practise next, most needed first'),
  })
  .meta({ id: 'Progress', description: "one trainee's progress, per rule family" });

export const ProgressListSchema = z.array(ProgressSchema).meta({ id: 'ProgressList', description: 'every user who has practised, by username' });

/** One answered exercise as kept: counts per family, never the claim. */
export const PracticeAttemptSchema = z.object({
  username: z.string().min(1),
  exerciseId: z.string().min(1),
  level: PracticeLevelSchema,
  at: z.string(),
  families: z.array(z.object({ family: z.string(), found: z.number().int().min(0), missed: z.number().int().min(0) })),
  falseAlarms: z.number().int().min(0),
});

export type PracticeLevelValue = z.infer<typeof PracticeLevelSchema>;
export type Exercise = z.infer<typeof ExerciseSchema>;
export type Mark = z.infer<typeof MarkSchema>;
export type Score = z.infer<typeof ScoreSchema>;
export type ScoredFinding = z.infer<typeof ScoredFindingSchema>;
export type FamilyProgress = z.infer<typeof FamilyProgressSchema>;
export type Progress = z.infer<typeof ProgressSchema>;
export type PracticeAttempt = z.infer<typeof PracticeAttemptSchema>;
export type PracticeAttemptInput = Omit<PracticeAttempt, 'at'>;
