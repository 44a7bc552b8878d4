/**
 * The same rules evaluated by json-rules-engine itself — the reference meaning of every
 * condition, used to prove the fast path right and available with `--engine jre`.
 *
 * An Engine must not be shared by runs in flight: `run()` keeps a status on the engine,
 * and when one run finishes it marks the engine FINISHED, so a run still waiting to
 * evaluate its rules skips them and silently returns fewer results. Each run therefore
 * borrows an engine of its scope from a pool and returns it when done; the pool grows
 * to the number of runs in flight. Facts are passed as constants per run (each run gets
 * its own almanac) and results are read from what `run()` returns, never from events.
 */
import { Engine, Operator, Rule } from 'json-rules-engine';
import { BUILT_IN_OPERATORS } from '../rules/operators.js';
import { resolvePath } from '../rules/path.js';
import type { Scope } from '../rules/facts-catalog.js';
import type { ScrubResult } from './finding.js';
import { ruleApplies, type ClaimItem } from './items.js';
import type { PreparedRuleSet } from './prepare.js';
import { FindingCollector, walkClaim, type ScrubOptions } from './scrub.js';
import type { ClaimInput } from '../contract/claim.js';

export interface JreScrubber {
  scrub(raw: ClaimInput, options: ScrubOptions): Promise<ScrubResult>;
}

const BUILT_IN_NAMES = new Set(BUILT_IN_OPERATORS.map((op) => op.name));

function buildEngine(prepared: PreparedRuleSet, scope: Scope): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
  for (const op of prepared.operators.values()) {
    if (BUILT_IN_NAMES.has(op.name)) continue;
    engine.addOperator(new Operator(op.name, op.evaluate, op.accepts));
  }
  for (const { rule } of prepared.byScope[scope].rules) {
    engine.addRule(new Rule({ name: rule.id, conditions: rule.conditions as never, event: { type: rule.id } }));
  }
  return engine;
}

class EnginePool {
  private readonly idle: Engine[] = [];

  constructor(private readonly build: () => Engine) {}

  async run(facts: Record<string, unknown>) {
    const engine = this.idle.pop() ?? this.build();
    try {
      return await engine.run(facts);
    } finally {
      this.idle.push(engine);
    }
  }
}

export function createJreScrubber(prepared: PreparedRuleSet): JreScrubber {
  const pools = new Map<Scope, EnginePool>();
  for (const scope of ['claim', 'diagnosis', 'line', 'pair'] as const) {
    pools.set(scope, new EnginePool(() => buildEngine(prepared, scope)));
  }
  return {
    async scrub(raw, options) {
      const items: ClaimItem[] = [];
      const walk = walkClaim(raw, prepared, options, (item) => items.push(item));
      const { claim } = walk;
      const collector = new FindingCollector();
      for (const item of items) {
        if (prepared.byScope[item.scope].rules.length === 0) continue;
        const { results } = await pools.get(item.scope)!.run({ ...item.facts } as Record<string, unknown>);
        const fired = new Set(results.map((r) => r.name as string));
        // evaluate in the set's own order so findings are collected in the same order as the fast path
        for (const candidate of prepared.byScope[item.scope].rules) {
          if (fired.has(candidate.rule.id) && ruleApplies(candidate.rule, claim, item.serviceDate)) collector.add(candidate, item);
        }
      }
      return collector.result(walk, prepared, options);
    },
  };
}
