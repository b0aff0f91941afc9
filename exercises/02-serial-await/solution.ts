// Each order still fetches its customer after its own answer; the orders no longer wait for each other.
async function buildReport(base: string, orderIds: number[]) {
  const entries = await Promise.all(orderIds.map(async (id) => {
    const order = await (await fetch(`${base}/order/${id}`)).text();
    const customer = await (await fetch(`${base}/customer${order}`)).text();
    return { order, customer };
  }));
  let total = 0;
  const lines: string[] = [];
  for (const { order, customer } of entries) {
    lines.push(`order ${order}: customer ${customer}`);
    total += order.length; // stands for the order's amount
  }
  return { lines, total };
}
