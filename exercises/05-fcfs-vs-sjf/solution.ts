// The average waiting time (ms) under each policy.
const averageWaiting = { fcfs: (0 + 4 + 11 + 12) / 4, sjf: (0 + 9 + 3 + 4) / 4 };
