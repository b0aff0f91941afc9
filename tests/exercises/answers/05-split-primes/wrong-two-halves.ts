import { countPrimesBetween, type WorkerPool } from "@course/lib";

// One half per Worker: the upper half costs more, so one Worker idles.
async function countPrimesParallel(pool: WorkerPool, limit: number): Promise<number> {
  const half = Math.floor(limit / 2);
  const counts = await pool.map(countPrimesBetween, [{ from: 0, to: half }, {
    from: half,
    to: limit,
  }]);
  return counts[0] + counts[1];
}
