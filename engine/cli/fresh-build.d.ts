/** Why engine/dist cannot be run (in Chinese, for stderr), or undefined when it is up to date. */
export function staleBuild(engine: string): string | undefined;
