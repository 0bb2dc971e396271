"""binder/postBuild run the way repo2docker runs it, and the kernelspec it installs started and used.

repo2docker copies the repository into the image, owned by the notebook user, builds the conda environment of
binder/environment.yml (its `bin` first on PATH, the JDK's `java` and Python with pip in it) and runs
`binder/postBuild` as that non-root user from the repository root. Here: a copy of the files postBuild reads, in a
temporary folder owned by an unprivileged user (`nobody` when the tests run as root, else the current user), a
fresh HOME, and a throwaway venv of Debian's Python with pip and nothing else standing in for the conda
environment, so postBuild's pip installs the pinned packages of src/requirements/ into it and `--sys-prefix`
resolves to it. Then, as the same user, that venv's Python starts the kernelspec found in its own prefix with
jupyter_client and runs a cell, and its packages are checked against the pins. The temporary folder is removed
and every process stopped.

The jar must already be built (`mvn package`, as before the integration-test phase): a stale jar would make
postBuild rebuild it, which needs Maven and network access and is what Binder does, not what this test checks.
pip reads this machine's configuration (its index) as it would Binder's; one quick retry stands in for an index
that answers (this machine has no PyPI, whose lookups would otherwise be retried five times each).
"""

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from paralab_harness import java_and_jar, pid_alive, wait_until
from test_browser import kill_all, pids_with_argument

ROOT = Path(__file__).resolve().parents[3]
POSTBUILD_TIMEOUT = 600   # seconds: pip installs the pinned packages; the install records a startup cache
CELL_TIMEOUT = 180        # seconds for the kernel check: start, one cell, shutdown
STOP_TIMEOUT = 30
UNPRIVILEGED = 65534      # nobody / nogroup on Debian
# What postBuild reads: the pins, the script, the kernel template, the sources it compares the jar's age with.
REPO_FILES = ["paralab", "pom.xml", "binder", "kernel", "src/main", "src/requirements"]
REQUIREMENTS = ROOT / "src" / "requirements"

KERNEL_CHECK = r"""
import json, sys
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel

spec = KernelSpecManager().get_kernel_spec("paralab")
km, kc = start_new_kernel(kernel_name="paralab", startup_timeout=120)
try:
    msg_id = kc.execute('System.out.println("hello from " + System.getProperty("user.name")); 6 * 7')
    while True:
        reply = kc.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    stdout, result = "", None
    while True:
        msg = kc.get_iopub_msg(timeout=60)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
            stdout += msg["content"]["text"]
        elif msg["msg_type"] == "execute_result":
            result = msg["content"]["data"].get("text/plain")
        elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    pid = km.provisioner.process.pid
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=False)
print(json.dumps({"prefix": sys.prefix, "resource_dir": spec.resource_dir, "status": reply["content"]["status"],
                  "stdout": stdout, "result": result, "kernel_pid": pid}))
"""


def java_version(java):
    """The feature version (21, 25, ...) `java` reports."""
    out = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True, text=True,
                         timeout=60).stderr
    line = next(line for line in out.splitlines() if line.strip().startswith("java.specification.version"))
    return int(line.split("=")[1].strip().split(".")[0])


def pip_settings():
    """The pip configuration of the user running the tests (where its index is), as PIP_* variables: the notebook
    user with a fresh HOME has no configuration of its own, as on Binder, where pip's default index is reached."""
    listed = subprocess.run([sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True,
                            timeout=60, check=True).stdout
    settings = {}
    for line in listed.splitlines():
        key, _, value = line.partition("=")
        name = key.split(".", 1)[1].upper().replace("-", "_")
        settings["PIP_" + name] = value.strip().strip("'\"")
    settings.pop("PIP_DEFAULT_TIMEOUT", None)
    return settings


def pins(requirements_file):
    """The `name==version` lines of a requirements file, comments dropped."""
    lines = (line.split("#")[0].strip() for line in requirements_file.read_text().splitlines())
    return [line for line in lines if line]


class BinderPostBuildTest(unittest.TestCase):

    def setUp(self):
        self.java, self.jar = java_and_jar()
        jar_time = os.path.getmtime(self.jar)
        newer = [str(p) for p in [ROOT / "pom.xml", *(ROOT / "src" / "main").rglob("*")]
                 if p.is_file() and p.stat().st_mtime > jar_time]
        if newer:
            raise AssertionError(f"{self.jar} is older than {newer[0]}: run `mvn package` first")
        self.tmp = Path(tempfile.mkdtemp(prefix="paralab-binder-"))
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.addCleanup(self.stop_leftovers)
        # the JVMs run as the unprivileged user create /tmp/hsperfdata_<user> (always /tmp, whatever TMPDIR says)
        perf_data = Path("/tmp") / f"hsperfdata_{pwd.getpwuid(UNPRIVILEGED).pw_name}"
        if os.geteuid() == 0 and not perf_data.exists():
            self.addCleanup(shutil.rmtree, perf_data, True)

    def stop_leftovers(self):
        """Kills any process still running from the temporary folder (its command line names it)."""
        kill_all(pids_with_argument(str(self.tmp)))

    def as_notebook_user(self, command, cwd, env, timeout):
        prefix = []
        if os.geteuid() == 0:
            prefix = ["setpriv", f"--reuid={UNPRIVILEGED}", f"--regid={UNPRIVILEGED}", "--clear-groups", "--"]
        return subprocess.run(prefix + command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=timeout, start_new_session=True)

    def test_postbuild_installs_a_kernelspec_that_runs_a_cell(self):
        repo, home, venv = self.tmp / "repo", self.tmp / "home", self.tmp / "venv"
        for name in REPO_FILES:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, repo / name)           # copy2 keeps times: the jar stays the newest
            else:
                (repo / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, repo / name)
        (repo / "target").mkdir()
        shutil.copy2(self.jar, repo / "target" / "paralab.jar")
        home.mkdir()
        subprocess.run(["/usr/bin/python3", "-m", "venv", str(venv)], check=True, capture_output=True, timeout=120)
        (venv / "bin" / "java").symlink_to(self.java)             # conda's openjdk puts java in the env's bin
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", f"{UNPRIVILEGED}:{UNPRIVILEGED}", str(self.tmp)], check=True, timeout=60)
        # Java takes user.home from the password database, not HOME (nobody's is /nonexistent); on Binder both
        # are /home/jovyan. XDG_CACHE_HOME points the install's startup cache where it would be there.
        env = {"PATH": f"{venv}/bin:/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
               "XDG_CACHE_HOME": str(home / ".cache"), **pip_settings(), "PIP_RETRIES": "1", "PIP_TIMEOUT": "15"}

        built = self.as_notebook_user([str(repo / "binder" / "postBuild")], repo, env, POSTBUILD_TIMEOUT)
        self.assertEqual(0, built.returncode, f"postBuild failed:\n{built.stdout}\n{built.stderr}")

        spec_dir = venv / "share" / "jupyter" / "kernels" / "paralab"
        self.assertTrue((spec_dir / "kernel.json").is_file(),
                        f"no kernelspec in the prefix; postBuild said:\n{built.stdout}\n{built.stderr}")
        self.assertFalse((home / ".local" / "share" / "jupyter" / "kernels" / "paralab").exists(),
                         "postBuild installed into the user's folder instead of the environment")
        spec = json.loads((spec_dir / "kernel.json").read_text())
        self.assertEqual("Java (ParaLab)", spec["display_name"])
        java = spec["argv"][0]
        self.assertTrue(os.path.isabs(java) and os.access(java, os.X_OK), f"argv[0] is not an absolute java: {java}")
        self.assertGreaterEqual(java_version(java), 21)
        self.assertIn(str(repo / "target" / "paralab.jar"), spec["argv"])

        frozen = self.as_notebook_user([str(venv / "bin" / "python3"), "-m", "pip", "freeze"], home, env, 120)
        installed = {line.split("==")[0].lower().replace("_", "-"): line.split("==")[1]
                     for line in frozen.stdout.splitlines() if "==" in line}
        for name in ("run.txt", "originals.txt"):
            for pin in pins(REQUIREMENTS / name):
                project, version = pin.split("==")
                self.assertEqual(version, installed.get(project.lower().replace("_", "-")),
                                 f"postBuild did not install {pin} ({name})")

        checked = self.as_notebook_user([str(venv / "bin" / "python3"), "-c", KERNEL_CHECK], home, env, CELL_TIMEOUT)
        self.assertEqual(0, checked.returncode, f"the kernel check failed:\n{checked.stdout}\n{checked.stderr}")
        run = json.loads(checked.stdout.strip().splitlines()[-1])
        self.assertEqual(str(venv), run["prefix"])
        self.assertEqual(str(spec_dir), run["resource_dir"], "Jupyter in the environment finds another paralab")
        self.assertEqual("ok", run["status"])
        user = "nobody" if os.geteuid() == 0 else os.environ.get("USER", "")
        self.assertIn(f"hello from {user}", run["stdout"])
        self.assertEqual("42", run["result"])
        self.assertTrue(wait_until(lambda: not pid_alive(run["kernel_pid"]), STOP_TIMEOUT), "the kernel outlived shutdown")
        self.assertEqual([], pids_with_argument(str(self.tmp)), "processes from postBuild or the kernel still run")


if __name__ == "__main__":
    unittest.main()
