/**
 * How the complaint reached the institution (来电/来访/来信/网络/监管转办/12378/媒体 …). Not the
 * JR/T 0169 dimension A, which codes the channel of the *business* complained about (a complaint
 * about mobile banking may well arrive by letter).
 */
export const INTAKE_METHODS = [
  'phone',
  'visit',
  'letter',
  'email',
  'online',
  'regulator_transfer',
  'hotline_12378',
  'hotline_12363',
  'media',
  'other',
] as const;
export type IntakeMethod = (typeof INTAKE_METHODS)[number];

/**
 * The coded internal root cause (溯源整改): where inside the institution a complaint came from,
 * beside the JR/T 0169 C code that says what the customer complained of.
 */
export const INTERNAL_CAUSES = ['process', 'system', 'staff', 'product', 'third_party'] as const;
export type InternalCause = (typeof INTERNAL_CAUSES)[number];
