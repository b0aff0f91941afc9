// The letter of the right choice for each question.
const answers = { q1: "b", q2: "c", q3: "a", q4: "b" };
