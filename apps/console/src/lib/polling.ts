/** What TanStack Query hands a `refetchInterval` function: the query's last answer and error. */
interface Polled<T> {
  state: { data: T | undefined; error: unknown };
}

/**
 * A `refetchInterval` for a job the console follows (an import, a report, an issuance run, a
 * rebuild): asks again every `every` ms until `finished` says the job is over, and stops at the
 * first error (the error is shown; asking again would not change it). `every` may depend on the
 * last answer (a large import answers less often).
 */
export function pollUntil<T>(finished: (data: T) => boolean, every: number | ((data: T | undefined) => number)) {
  return (query: Polled<T>): number | false => {
    const { data, error } = query.state;
    if (error || (data !== undefined && finished(data))) return false;
    return typeof every === 'number' ? every : every(data);
  };
}
