// Seconds of virtual time when the last of the ten clients has its third echo back.
const concurrentDone = 0.8; // connect (0.2) + three echoes (3 × 0.2), for everybody at once
const oneAtATimeDone = 6.2; // 0.8 for client 0, then 0.6 more for each of the nine others
