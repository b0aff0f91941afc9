/**
 * Runs a Deno command with the network cut: in a new network namespace
 * (`unshare -rn`, loopback up) where that works, else with every proxy
 * variable pointing at a closed port (which stops Deno's own downloads).
 *
 * @module
 */

/** What the command did. */
export interface OfflineRun {
  /** Its exit code. */
  code: number;
  /** Its standard output. */
  stdout: string;
  /** Its standard error. */
  stderr: string;
  /** How the network was cut. */
  how: "unshare" | "proxy";
}

async function canUnshare(): Promise<boolean> {
  try {
    const out = await new Deno.Command("unshare", {
      args: ["-rn", "sh", "-c", "ip link set lo up"],
      stdout: "null",
      stderr: "null",
    }).output();
    return out.success;
  } catch {
    return false;
  }
}

function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/**
 * Runs `deno <args>` offline, in `cwd`.
 *
 * @param args the arguments after `deno`
 * @param cwd the working directory
 * @returns its exit code, output, and how the network was cut
 */
export async function runDenoOffline(args: string[], cwd: string): Promise<OfflineRun> {
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  if (await canUnshare()) {
    const out = await new Deno.Command("unshare", {
      args: ["-rn", "sh", "-c", `ip link set lo up && exec "$0" "$@"`, Deno.execPath(), ...args],
      cwd,
      env: { NO_COLOR: "1" },
      stdin: "null",
    }).output();
    return {
      code: out.code,
      stdout: decode(out.stdout),
      stderr: decode(out.stderr),
      how: "unshare",
    };
  }
  const proxy = `http://127.0.0.1:${closedPort()}`;
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    env: {
      NO_COLOR: "1",
      HTTP_PROXY: proxy,
      HTTPS_PROXY: proxy,
      http_proxy: proxy,
      https_proxy: proxy,
    },
    stdin: "null",
  }).output();
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr), how: "proxy" };
}
