// The letter of the right choice for each question.
const answers = { q1: "c", q2: "a", q3: "b" };
