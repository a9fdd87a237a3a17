// The integration job's optional config file: home country code, defaults and which match keys are on.
// Validation only; the stages read the resolved options.

import { z } from 'zod';
import { loadConfig, ONE_SHOT } from '../core/config.js';

/** Schema of the optional `--config` JSON file. */
export const integrateConfigSchema = z.strictObject({
  /** Country calling code dropped from numbers written `+<code>...`. */
  home_country_code: z
    .string()
    .regex(/^\d{1,3}$/, 'a country calling code: 1 to 3 digits')
    .default('1'),
  /** Status given to e-commerce customers, whose export has none. */
  ecommerce_default_status: z.string().min(1).default('active'),
  match: z
    .strictObject({
      email: z.boolean().default(true),
      phone: z.boolean().default(true),
      name: z.boolean().default(true),
      fuzzy_name: z
        .strictObject({
          enabled: z.boolean().default(false),
          threshold: z.number().min(0.5).max(1).default(0.92),
        })
        .default({ enabled: false, threshold: 0.92 }),
    })
    .default({ email: true, phone: true, name: true, fuzzy_name: { enabled: false, threshold: 0.92 } }),
});

/** Resolved options of the integration job. */
export type IntegrateConfig = z.output<typeof integrateConfigSchema>;

/** The defaults, as if an empty config file were given. */
export const defaultIntegrateConfig: IntegrateConfig = integrateConfigSchema.parse({}, ONE_SHOT);

/** Load the config file, or the defaults when no path is given. */
export function loadIntegrateConfig(path: string | undefined): IntegrateConfig {
  return path ? loadConfig(integrateConfigSchema, path, 'integration config') : defaultIntegrateConfig;
}
