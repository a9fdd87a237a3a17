import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import type { PipelineConfig } from '../../src/pipeline/config.js';
import { loadPipeline } from '../../src/pipeline/pipeline.js';
import { editConfig, exampleWorkspace } from './helpers.js';

function planWith(edit: (config: PipelineConfig) => void) {
  const dir = exampleWorkspace();
  editConfig(dir, edit);
  return () => loadPipeline(dir);
}

describe('pipeline plan', () => {
  it('builds the example: datasets flow from sources through transforms to loaders', () => {
    const { plan } = loadPipeline(exampleWorkspace());
    expect(plan.primary).toBe('sales_orders');
    expect(
      plan.transformers.map((step) => `${step.name}: ${step.inputs.join('+')} -> ${step.output}`),
    ).toEqual([
      'clean_nulls: sales_orders -> sales_orders',
      'enrich_products: sales_orders+product_catalog -> enriched',
      'enrich_customers: enriched+customer_data -> enriched',
      'calculate_metrics: enriched -> aggregated',
      'format_output: aggregated -> aggregated',
    ]);
    expect(plan.loaders.map((step) => step.inputs[0])).toEqual(['aggregated', 'aggregated']);
  });

  it.each([
    {
      name: 'an unknown transform type',
      edit: (c: PipelineConfig) => (c.transform.steps[0].type = 'cleaner2'),
      message: 'step "clean_nulls" has unknown transform type "cleaner2" (did you mean "cleaner"?)',
    },
    {
      name: 'an unknown source type',
      edit: (c: PipelineConfig) => (c.extract.sources[1].type = 'xml'),
      message: 'step "product_catalog" has unknown source type "xml"',
    },
    {
      name: 'an unknown destination type',
      edit: (c: PipelineConfig) => (c.load.destinations[1].type = 'postgres'),
      message: 'step "metrics_db" has unknown destination type "postgres"',
    },
    {
      name: 'a dataset no earlier step produces',
      edit: (c: PipelineConfig) => (c.transform.steps[1].config.right = 'catalog'),
      message: 'step "enrich_products" reads dataset "catalog", which no earlier step produces',
    },
    {
      name: 'a loader input that does not exist',
      edit: (c: PipelineConfig) => (c.load.destinations[0].input = 'summary'),
      message: 'step "daily_summary" reads dataset "summary"',
    },
    {
      name: 'a bad step option',
      edit: (c: PipelineConfig) => (c.transform.steps[3].config.metrics = ['revenue']),
      message: 'step "calculate_metrics" config',
    },
    {
      name: 'a duplicated step name',
      edit: (c: PipelineConfig) => (c.transform.steps[1].name = 'clean_nulls'),
      message: 'step name "clean_nulls" is used twice',
    },
  ])('is a config error naming the step for $name', ({ edit, message }) => {
    const load = planWith(edit);
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
  });

  it('suggests the right spelling for a misspelt key', () => {
    const dir = exampleWorkspace();
    const path = join(dir, 'config', 'pipeline_config.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"max_retries"', '"max_retry"'));
    expect(() => loadPipeline(dir)).toThrow(
      'unknown key "error_handling.max_retry" (did you mean "max_retries"?)',
    );
  });

  it('names the config file in every problem', () => {
    const dir = exampleWorkspace();
    writeFileSync(join(dir, 'config', 'other.json'), JSON.stringify({ pipeline_name: 'x' }));
    expect(() => loadPipeline(dir, 'config/other.json')).toThrow(
      /invalid config .*other\.json: extract: .*; load: /,
    );
  });
});
