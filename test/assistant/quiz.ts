/**
 * The trainee quiz: questions a trainee asks, in our own words (concepts, questions about
 * a claim, follow-ups), each with what a right answer must hold. `bench/chat-quiz.ts` asks
 * them of the offline assistant; the share answered right is `chatQuizShare`.
 */

/** The claim a question is asked about: the examples, and two NCCI pairs built on the clean one. */
export type QuizClaim = 'clean' | 'rejected' | 'ncci' | 'ncci-indicator-0';

export interface QuizItem {
  /** the questions in order; the last one's answer is judged, the earlier ones set the focus */
  turns: string[];
  claim?: QuizClaim;
  /** patterns (case-insensitive) every one of which a right answer holds */
  says: RegExp[];
  /** patterns a right answer must not hold */
  never?: RegExp[];
  /** a right answer names every error and warning of the claim by its rule id */
  everyFinding?: boolean;
}

const q = (question: string, says: RegExp[], more: Partial<QuizItem> = {}): QuizItem => ({ turns: [question], says, ...more });

export const QUIZ: QuizItem[] = [
  // concepts
  q('what is a diagnosis pointer?', [/item 21/, /24E/]),
  q("what's the difference between a CARC and a RARC?", [/group code/, /RARC/, /CARC/]),
  q('how do I appeal a timely filing denial?', [/proof/, /277CA/]),
  q('what does modifier 25 mean?', [/separately identifiable/, /E\/M/], { never: [/descriptor belongs to the AMA/] }),
  q('explain NCCI bundling to me', [/column-1/, /CARC 97/]),
  q('what does modifier indicator 0 mean?', [/no modifier/]),
  q("what's an MUE?", [/Medically Unlikely Edit/, /units/]),
  q('what is the difference between MAI 2 and MAI 3?', [/MAI 2/, /appeal/]),
  q('what is an add-on code?', [/primary/]),
  q('what does a 090 global period include?', [/90 days/]),
  q('when should I use modifier 57?', [/decision/]),
  q('what is modifier 24 for?', [/unrelated/]),
  q('should I use XS or 59?', [/separate structure/, /59/]),
  q('does modifier 76 bypass a PTP edit?', [/do not unbundle/]),
  q('what is modifier 91 used for?', [/laboratory/]),
  q('how do I bill a bilateral procedure?', [/modifier 50/]),
  q("what's the difference between 26 and TC?", [/professional component/, /technical component/]),
  q('what do RT and LT mean?', [/side/]),
  q('what is timely filing?', [/12 months/, /CARC 29/]),
  q('what are the five levels of Medicare appeal?', [/redetermination/, /Administrative Law Judge/]),
  q('what do I need to send with an appeal?', [/medical record/]),
  q('what is the revenue cycle?', [/coding/, /billing/]),
  q("coding vs billing, what's the difference?", [/payer-rules/]),
  q('what is a clean claim?', [/without asking/]),
  q('is a rejected claim the same as a denied one?', [/never entered/]),
  q('when do I send a corrected claim?', [/frequency 7/]),
  q('how do I void a claim I sent by mistake?', [/frequency 8/]),
  q('what does frequency code 7 mean?', [/replaces/]),
  q('what is a place of service code?', [/where/, /11/]),
  q('what do the group codes mean?', [/CO/, /PR/, /OA/]),
  q('what does PR mean on a remittance?', [/patient/]),
  q('what is an ABN?', [/Advance Beneficiary Notice/]),
  q("what's an NPI?", [/10-digit/]),
  q('what is coordination of benefits?', [/secondary/]),
  q('what makes an ICD-10 code billable?', [/header/]),
  q('what does medical necessity mean?', [/reasonable and necessary/]),
  q('what is prior authorization?', [/item 23/]),
  q('what are the parts of a CMS-1500?', [/item 24/, /item 21/]),
  q('what are units on a claim line?', [/24G/]),
  q('what is a remark code?', [/CARC/]),
  q('why was my line denied as a duplicate?', [/CARC 18/]),
  q('what is the difference between CPT and HCPCS?', [/Level II/, /AMA/]),
  // reasoning about codes and the claim
  q('can I bill 99214 and 36415 together?', [/^Yes/, /no NCCI/]),
  q('can I bill 11042 and 11000 together?', [/^No/, /indicator 1/, /59/]),
  q('can I bill 11042 and 0213T together if I add modifier 59?', [/indicator 0/, /no modifier/]),
  q('can 11042 and 11000 be billed together with modifier XS?', [/^Yes, with modifier XS/]),
  q('can 11042 and 11000 go on the same day with modifier 76?', [/not an NCCI-associated/]),
  q('how many units of 97110 can I bill?', [/6 units/, /MAI 3/]),
  q('what is the most units of 36415 Medicare allows in a day?', [/2 units/, /per date of service/]),
  q('how many units of G0439 can I bill?', [/1 unit/, /MAI 2/, /even on appeal/]),
  q('what should I fix first?', [/Fix in this order/, /^1\. /m], { claim: 'rejected', everyFinding: true }),
  q('why would this claim be denied?', [/would be rejected/], { claim: 'rejected', everyFinding: true, never: [/and \d+ more/] }),
  q('how do I fix it?', [/To fix the/], { claim: 'rejected', everyFinding: true, never: [/and \d+ more/] }),
  q('what if I add modifier 76 to line 2?', [/Why nothing changed/, /not an NCCI-associated/], { claim: 'ncci' }),
  q('what if I add modifier 59 to line 2?', [/Gone \(1\)/, /from rejected to clean/], { claim: 'ncci' }),
  q('what if I add modifier 59 to line 2?', [/Why nothing changed/, /indicator 0/], { claim: 'ncci-indicator-0' }),
  q('is this claim clean?', [/passes every check/], { claim: 'clean' }),
  q('what does CARC 97 mean?', [/CARC 97/]),
  q('what is the filing deadline for Medicare?', [/Medicare/, /1 calendar year|12 months/]),
  // follow-ups
  { turns: ['explain the finding on line 2', 'how do I fix it?'], claim: 'rejected', says: [/Line 2/], never: [/Line 3/] },
  { turns: ['what is modifier 59?', 'which rule checks it?'], says: [/ptp-column2-without-modifier/] },
  { turns: ['can I bill 11042 and 11000 together?', 'how many units of it can I bill?'], says: [/1 unit of 11042/, /MAI 2/] },
  { turns: ['why would this claim be denied?', 'what about line 3?'], claim: 'rejected', says: [/Line 3/] },
  { turns: ['what should I fix first?', 'why?'], claim: 'rejected', says: [/Why:/] },
  { turns: ['what does CARC 16 mean?', 'which rules use it?'], says: [/missing|rule/] },
  { turns: ['what is a diagnosis pointer?', 'and what is an MUE?'], says: [/Medically Unlikely Edit/] },
  { turns: ['explain line 1', 'what about line 2?'], claim: 'rejected', says: [/Line 2/] },
];
