// The letters in the order the program prints them.
const order: string[] = ["A", "E", "C", "D", "B"];
