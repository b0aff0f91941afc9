// A long job that arrives first, two short jobs with it, and a short latecomer.
const workload = [
  { name: "P1", arrival: 0, burst: 10 }, // FCFS makes everybody wait behind it
  { name: "P2", arrival: 0, burst: 1 }, // SJF runs the short ones first
  { name: "P3", arrival: 0, burst: 1 },
  { name: "P4", arrival: 3, burst: 1 }, // arrives while P1 runs: only SRTF lets it in at once
];
