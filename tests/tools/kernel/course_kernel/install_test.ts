import assert from "node:assert/strict";
import {
  COURSE_KERNEL_NAME,
  courseKernelSpec,
  installCourseKernel,
  jupyterPython,
  PROXY_PATH,
} from "../../../../tools/kernel/course_kernel/install.ts";

Deno.test("courseKernelSpec runs the proxy, which runs the given Deno", () => {
  const spec = courseKernelSpec("/usr/bin/python3", "/opt/deno");
  assert.deepEqual(spec.argv, [
    "/usr/bin/python3",
    PROXY_PATH,
    "--deno",
    "/opt/deno",
    "--conn",
    "{connection_file}",
  ]);
  assert.equal(spec.interrupt_mode, "message");
  assert.equal(spec.display_name, "Deno (course)");
});

Deno.test("jupyterPython reads the launcher's #! line, env or direct", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/direct`, "#!/usr/bin/python3\nimport sys\n");
    await Deno.writeTextFile(`${dir}/env`, "#!/usr/bin/env python3.12\n");
    await Deno.writeTextFile(`${dir}/none`, "echo hi\n");
    assert.equal(await jupyterPython(`${dir}/direct`), "/usr/bin/python3");
    assert.equal(await jupyterPython(`${dir}/env`), "python3.12");
    assert.equal(await jupyterPython(`${dir}/none`), "python3");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("installCourseKernel writes kernels/deno and puts its folder first", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/logo-32x32.png`, "png");
    const kernel = await installCourseKernel({
      jupyterDir: `${dir}/jupyter`,
      denoPath: "/opt/deno",
      python: "/usr/bin/python3",
      logosFrom: dir,
    });
    const real = await Deno.realPath(`${dir}/jupyter`);
    assert.equal(kernel.specDir, `${real}/kernels/${COURSE_KERNEL_NAME}`);
    assert.equal(kernel.env.JUPYTER_PATH.split(":")[0], real);
    const written = JSON.parse(await Deno.readTextFile(`${kernel.specDir}/kernel.json`));
    assert.deepEqual(written, kernel.spec);
    assert.equal(await Deno.readTextFile(`${kernel.specDir}/logo-32x32.png`), "png");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
