/** Put in by scripts/build-web.mjs from the engine's operator table. */
declare const SCRUBJAY_OPERATORS: ReadonlyArray<{ name: string; valueKind: string; description: string }>;
