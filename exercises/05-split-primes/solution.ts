import { countPrimesBetween, type WorkerPool } from "@course/lib";

// Cut [0, limit) into more pieces than Workers, so the costly top pieces even out.
async function countPrimesParallel(pool: WorkerPool, limit: number): Promise<number> {
  const pieces = pool.size * 8;
  const step = Math.ceil(limit / pieces);
  const ranges = [];
  for (let from = 0; from < limit; from += step) {
    ranges.push({ from, to: Math.min(limit, from + step) });
  }
  const counts = await pool.map(countPrimesBetween, ranges);
  return counts.reduce((sum, n) => sum + n, 0);
}
