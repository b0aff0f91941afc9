// The turn (1, 2, 3, ...) in which each callback runs.
const turns = { A: 1, B: 3, C: 1, D: 2, E: 2, F: 3, G: 4 };
