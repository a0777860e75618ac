/** Turns a payload of schema version N into version N+1. */
export type Upcaster = (data: unknown) => unknown;

/**
 * Per event type: the current schema version and the steps vN -> vN+1. Applied on read, so stored
 * history is never rewritten; appends stamp the current version.
 */
export class UpcasterRegistry {
  private readonly types = new Map<string, { current: number; steps: Map<number, Upcaster> }>();

  /** Registers the step from `fromVersion` to `fromVersion + 1`; the current version becomes the highest reached. */
  register(type: string, fromVersion: number, upcast: Upcaster): this {
    if (!Number.isInteger(fromVersion) || fromVersion < 1) {
      throw new Error(`Upcaster for ${type}: fromVersion must be an integer >= 1, got ${fromVersion}.`);
    }
    const entry = this.types.get(type) ?? { current: 1, steps: new Map<number, Upcaster>() };
    if (entry.steps.has(fromVersion)) {
      throw new Error(`Upcaster for ${type} v${fromVersion} -> v${fromVersion + 1} is registered twice.`);
    }
    entry.steps.set(fromVersion, upcast);
    entry.current = Math.max(entry.current, fromVersion + 1);
    this.types.set(type, entry);
    return this;
  }

  currentVersion(type: string): number {
    return this.types.get(type)?.current ?? 1;
  }

  /** The payload in the type's current shape; returns the input untouched when already current. */
  upcast(type: string, schemaVersion: number, data: unknown): { schemaVersion: number; data: unknown } {
    const entry = this.types.get(type);
    if (entry === undefined || schemaVersion >= entry.current) return { schemaVersion, data };
    let version = schemaVersion;
    let value = data;
    while (version < entry.current) {
      const step = entry.steps.get(version);
      if (step === undefined) {
        throw new Error(`No upcaster for ${type} from schema version ${version} to ${version + 1}.`);
      }
      value = step(value);
      version += 1;
    }
    return { schemaVersion: version, data: value };
  }
}
