// When does each job finish (ms)? Replace the question marks (NaN) with numbers.
const finish = {
  oneCore: { A: 10, B: 8 },
  twoCores: { A: 6, B: 4 },
};
