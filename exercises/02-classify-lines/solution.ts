// For each line of the program: "io" if it waits for a device, "cpu" if it computes.
const kinds = {
  request: "io", // the network: the server takes its time to answer
  headers: "cpu", // copies the headers into an array, in memory
  format: "cpu", // builds one string per header
  join: "cpu", // concatenates them
  open: "io", // the file system (often answered from memory, see the page cache)
  write: "io", // the file system: into the page cache, the disk later
};
