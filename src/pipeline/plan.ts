// Turns a validated config into an ordered list of steps, checking before anything runs that each
// step's type is registered and each dataset it reads is produced by an earlier step.

import { ConfigError, SluiceError } from '../core/errors.js';
import { closestMatch } from '../core/text.js';
import type { PipelineConfig } from './config.js';
import type { StepRegistry } from './registry.js';
import type { Extractor, Loader, PipelineStep, PlanState, Transformer } from './steps.js';

/** The steps of a pipeline, by phase, in run order. */
export interface PipelinePlan {
  extractors: Extractor[];
  transformers: Transformer[];
  loaders: Loader[];
  /** The first source: its row count is the run's "records input". */
  primary: string;
}

function unknownType(
  path: string,
  step: string,
  type: string,
  known: Record<string, unknown>,
  phase: string,
): ConfigError {
  const names = Object.keys(known);
  const suggestion = closestMatch(type, names);
  return new ConfigError(
    `invalid config ${path}: step "${step}" has unknown ${phase} type "${type}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
    `known ${phase} types: ${names.join(', ')}`,
  );
}

function build<T>(path: string, factory: () => T): T {
  try {
    return factory();
  } catch (error) {
    if (error instanceof SluiceError && !error.message.startsWith('invalid config'))
      throw new ConfigError(`invalid config ${path}: ${error.message}`, error.hint);
    throw error;
  }
}

/** Build the plan; every problem is a ConfigError naming the config file and the step. */
export function planPipeline(config: PipelineConfig, registry: StepRegistry, path: string): PipelinePlan {
  const available = new Set<string>();
  const primary = config.extract.sources[0].name;
  const state: PlanState = { current: undefined, primary };
  const check = (step: PipelineStep) => {
    for (const input of step.inputs) {
      if (!available.has(input)) {
        const hint = `datasets available at this point: ${[...available].join(', ') || '(none)'}`;
        throw new ConfigError(
          `invalid config ${path}: step "${step.name}" reads dataset "${input}", which no earlier step produces`,
          hint,
        );
      }
    }
    if (step.output) {
      available.add(step.output);
      state.current = step.output;
    }
  };

  const buildAll = <D extends { name: string; type: string }, S extends PipelineStep>(
    definitions: D[],
    factories: Record<string, (definition: D, plan: PlanState) => S>,
    phase: string,
  ): S[] =>
    definitions.map((definition) => {
      const factory = factories[definition.type];
      if (!factory) throw unknownType(path, definition.name, definition.type, factories, phase);
      const step = build(path, () => factory(definition, state));
      check(step);
      return step;
    });
  const extractors = buildAll(config.extract.sources, registry.extractors, 'source');
  state.current = primary;
  const transformers = buildAll(config.transform.steps, registry.transformers, 'transform');
  const loaders = buildAll(config.load.destinations, registry.loaders, 'destination');
  return { extractors, transformers, loaders, primary };
}
