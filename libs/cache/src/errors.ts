/** A programming error in how the cache is called (bad namespace, key, version or TTL). */
export class CacheUsageError extends Error {
  constructor(problem: string) {
    super(`cache: ${problem}`);
    this.name = 'CacheUsageError';
  }
}
