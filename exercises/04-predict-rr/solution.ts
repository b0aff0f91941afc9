// When does each process complete (ms), and what is the average waiting time?
const completion = { P1: 9, P2: 8, P3: 5 };
const averageWaiting = (4 + 4 + 2) / 3;
