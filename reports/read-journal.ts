/** Reads a saved journal (baseline.json) for re-rendering, comparison or the baseline. */
import { readFile } from 'node:fs/promises';
import { ArchtddError, ExitCode } from '../harness/errors.js';
import { JOURNAL_SCHEMA, type Journal } from '../harness/journal/schema.js';

/** A journal file that is missing, not JSON, or not an archtdd journal. */
export class JournalFileError extends ArchtddError {
  readonly exitCode = ExitCode.invalid;
}

export async function readJournal(file: string): Promise<Journal> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new JournalFileError(`Cannot read the journal ${file}: ${(error as Error).message}.`, {
      fix: 'Run the SLO suites first (pnpm test:slo) or pass --input with the path of a baseline.json.',
      cause: error,
    });
  }
  return parseJournal(text, file);
}

export function parseJournal(text: string, file = 'journal'): Journal {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new JournalFileError(`${file} is not valid JSON: ${(error as Error).message}.`, {
      fix: 'Pass the baseline.json that a run wrote (reports/out/baseline.json).',
      cause: error,
    });
  }
  const d = doc as Partial<Journal> | null;
  if (!d || typeof d !== 'object' || d.schema !== JOURNAL_SCHEMA) {
    throw new JournalFileError(`${file} has schema ${JSON.stringify(d?.schema)}; expected "${JOURNAL_SCHEMA}".`, {
      fix: 'Pass a journal written by archtdd (see reports/README.md for the schema).',
    });
  }
  if (!Array.isArray(d.slos) || !Array.isArray(d.scenarios) || typeof d.run !== 'object' || d.run === null) {
    throw new JournalFileError(`${file} lacks run, scenarios[] or slos[].`, {
      fix: 'Validate it against reports/baseline.schema.json; it may be truncated.',
    });
  }
  return d as Journal;
}

/** The committed baseline, or undefined when there is none yet. Other errors still throw. */
export async function readBaselineIfAny(file: string): Promise<Journal | undefined> {
  try {
    await readFile(file);
  } catch {
    return undefined;
  }
  return readJournal(file);
}
