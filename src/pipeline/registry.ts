// The step registry: config `type` -> the class that runs it, one line per type. A new step type is
// one file plus one line here. Does not check dataset references; see plan.ts.

import type { DestinationConfig, SourceConfig, TransformStepConfig } from './config.js';
import { CsvExtractor } from './extractors/csv.js';
import { JsonExtractor } from './extractors/json.js';
import { CsvLoader } from './loaders/csv.js';
import { SqliteLoader } from './loaders/sqlite.js';
import type { Extractor, Loader, PlanState, Transformer } from './steps.js';
import { AggregatorTransformer } from './transformers/aggregator.js';
import { CleanerTransformer } from './transformers/cleaner.js';
import { FormatterTransformer } from './transformers/formatter.js';
import { JoinerTransformer } from './transformers/joiner.js';

/** Builds an extractor from its source config. */
export type ExtractorFactory = (source: SourceConfig) => Extractor;
/** Builds a transformer from its step config and what the plan knows so far. */
export type TransformerFactory = (step: TransformStepConfig, plan: PlanState) => Transformer;
/** Builds a loader from its destination config. */
export type LoaderFactory = (destination: DestinationConfig, plan: PlanState) => Loader;

/** Step types by phase. Tests may pass their own (e.g. a deliberately flaky step). */
export interface StepRegistry {
  extractors: Record<string, ExtractorFactory>;
  transformers: Record<string, TransformerFactory>;
  loaders: Record<string, LoaderFactory>;
}

/** The built-in step types. */
export const defaultRegistry: StepRegistry = {
  extractors: {
    csv: (source) => new CsvExtractor(source),
    json: (source) => new JsonExtractor(source),
  },
  transformers: {
    cleaner: (step, plan) => new CleanerTransformer(step, plan),
    joiner: (step, plan) => new JoinerTransformer(step, plan),
    aggregator: (step, plan) => new AggregatorTransformer(step, plan),
    formatter: (step, plan) => new FormatterTransformer(step, plan),
  },
  loaders: {
    csv: (destination, plan) => new CsvLoader(destination, plan),
    sqlite: (destination, plan) => new SqliteLoader(destination, plan),
  },
};
