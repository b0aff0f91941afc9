import { countPrimesBetween, type WorkerPool } from "@course/lib";

// Each job awaited before the next is sent: the Workers never compute together.
async function countPrimesParallel(pool: WorkerPool, limit: number): Promise<number> {
  let count = 0;
  const step = Math.ceil(limit / 16);
  for (let from = 0; from < limit; from += step) {
    count += await pool.run(countPrimesBetween, { from, to: Math.min(limit, from + step) });
  }
  return count;
}
