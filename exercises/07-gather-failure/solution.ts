// When does the caller hear back? Virtual seconds for gather, milliseconds for promises.
const settledAt = {
  gather: 2, // fail fast: b's error reaches the caller as soon as b fails
  gatherReturnExceptions: 3, // waits for all three; b's error is one of the results
  promiseAll: 200, // rejects with b's error at once
  promiseAllSettled: 300, // waits for everybody, reports each outcome
};
// Does job c still finish after b has failed?
const cStillFinishes = {
  gather: true, // gather reports the failure but cancels nobody
  promiseAll: true, // a promise is a result on its way: nothing cancels the work behind it
};
