// The letter of the right choice for each question.
const answers = { q1: "a", q2: "a", q3: "c", q4: "a" };
