import { type Coroutine, type Lock, sleep } from "@course/lib";

// Book a seat for `name` if one is free: check, take the payment (a second), then book.
// Hold the lock from the check to the booking, so two customers cannot both see the last seat.
function* reserve(
  hall: { free: number; booked: string[] },
  lock: Lock,
  name: string,
): Coroutine<boolean> {
  yield* lock.acquire();
  try {
    if (hall.free === 0) return false;
    yield* sleep(1); // the payment
    hall.free -= 1;
    hall.booked.push(name);
    return true;
  } finally {
    lock.release();
  }
}
