// When does the last thread finish (ms)?
const makespan = { oneProcess: 60, twoProcesses: 40 };
