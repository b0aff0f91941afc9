// The letters in the order the program prints them (B never prints: nothing resumes the generator).
const order: string[] = ["C", "E", "A", "D", "F"];
