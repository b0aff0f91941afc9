import { type Coroutine, taskGroup } from "@course/lib";

// Fetch the profile and the orders at the same time and return both. If either fails, the other
// is stopped at once, and the failure reaches the caller.
function* loadDashboard(
  fetchProfile: () => Coroutine<string>,
  fetchOrders: () => Coroutine<string>,
): Coroutine<[string, string]> {
  const [profile, orders] = yield* taskGroup((tg) => [
    tg.createTask(fetchProfile()),
    tg.createTask(fetchOrders()),
  ]);
  return [profile.result(), orders.result()]; // both done: the group waited for them
}
