// The source view's DTO: one function's file around its lines, with the cost of each line. Line
// costs come from the profile's `lines` (profile.ts); the text is read by the engine from a file a
// frame of the profile names, never from a path the caller gives.

import type { WeightUnit } from './profile';
import type { ViewFrame } from './views';

/**
 * Where a function's line costs come from: every sample's running line ('samples': follows the
 * range and thread, with total cost per call site), V8's per-line tick counts for the whole
 * recording ('ticks': self only), or nothing ('none').
 */
export type LineCostSource = 'samples' | 'ticks' | 'none';

/** One line's cost in the function, in the profile's weight unit. */
export interface LineCost {
  /** 1-based. */
  line: number;
  /** Spent on this line itself. */
  self: number;
  selfSamples: number;
  /** Spent on this line and what it called; null when the source records only self ticks. */
  total: number | null;
}

/** A function's cost per line in one selection. */
export interface FunctionLineCosts {
  source: LineCostSource;
  /** False when the costs cover the whole recording (or every thread) although a range (or thread) was asked for. */
  selectionHonoured: boolean;
  /** Lines with a cost, in line order. */
  lines: LineCost[];
  /** What a share of 100 % means: the selection's weight (the whole recording's when not honoured). */
  totalWeight: number;
}

/** Why the text of a file is (not) shown. */
export type SourceTextStatus =
  'ok' | 'no-file' | 'not-on-disk' | 'missing' | 'not-regular' | 'too-large' | 'binary' | 'unreadable';

/** Part of a source file: lines firstLine … firstLine + text.length - 1. */
export interface SourceText {
  status: SourceTextStatus;
  /** What happened and what to do, for every status but 'ok'. */
  message: string | null;
  /** The file as the profile names it (a path, a URL, `node:fs`…); null when the frame has none. */
  path: string | null;
  /** 1-based number of text[0]. */
  firstLine: number;
  text: string[];
  /** Lines in the whole file (0 when not read). */
  lineCount: number;
}

/** The source view of one function. */
export interface SourceLinesView {
  frame: ViewFrame;
  weightUnit: WeightUnit;
  costs: FunctionLineCosts;
  /** The line with the most self cost (then total); null without line costs. */
  hottestLine: number | null;
  source: SourceText;
  /** Sentences for the reader: what the costs cover, why something is missing. */
  notes: string[];
}

/** The largest file the source view reads. */
export const maximumSourceBytes = 2 * 1024 * 1024;
/** The most lines one answer carries: the function's lines and some context around them. */
export const maximumSourceLines = 4_000;
