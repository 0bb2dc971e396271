"""Shared test harness: installs the ParaLab kernelspec and runs kernels through jupyter_client.

Environment:
  PARALAB_JAVA  the java binary (JDK 21+) the kernelspec must use
  PARALAB_JAR   the shaded target/paralab.jar

Usage:
    from paralab_harness import install_kernelspec, KernelSession
    install_kernelspec()                      # once per test process; idempotent
    with KernelSession() as k:
        reply, outputs = k.execute("1 + 1")
        assert reply["status"] == "ok"

`install_kernelspec` writes the spec into a temporary JUPYTER_DATA_DIR and points this process at it, so the
user's own Jupyter set-up is never touched. Every KernelSession shuts its kernel down on exit, also on failure.
"""

import atexit
import unittest
import os
import queue
import shutil
import subprocess
import tempfile
import time

from jupyter_client.manager import start_new_kernel

KERNEL_NAME = "paralab"
TIMEOUT = 30
_data_dir = None


def java_and_jar():
    """The java binary and jar under test, from PARALAB_JAVA and PARALAB_JAR (a clear error when missing)."""
    java = os.environ.get("PARALAB_JAVA")
    jar = os.environ.get("PARALAB_JAR")
    if not java or not jar:
        raise RuntimeError("set PARALAB_JAVA (a JDK 21+ java binary) and PARALAB_JAR (target/paralab.jar)")
    if not os.path.isfile(jar):
        raise RuntimeError(f"PARALAB_JAR={jar} does not exist: run `mvn package` first")
    return java, jar


def install_kernelspec():
    """Installs the `paralab` kernelspec into a temporary JUPYTER_DATA_DIR used by this process; returns that dir."""
    global _data_dir
    if _data_dir is None:
        java, jar = java_and_jar()
        _data_dir = tempfile.mkdtemp(prefix="paralab-jupyter-")
        atexit.register(shutil.rmtree, _data_dir, True)
        # the start-up cache the install records (tens of MB, named after this jar) and the class-data archives
        # the kernels' child JVMs start from go with the spec at exit: kernels inherit this process's environment
        env = dict(os.environ, JUPYTER_DATA_DIR=_data_dir, XDG_CACHE_HOME=os.path.join(_data_dir, "cache"))
        subprocess.run([java, "-jar", jar, "install", "--user"], env=env, check=True,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)   # JShell training run
        os.environ["JUPYTER_DATA_DIR"] = env["JUPYTER_DATA_DIR"]
        os.environ["XDG_CACHE_HOME"] = env["XDG_CACHE_HOME"]
    return _data_dir


JVM_SERVICE_THREADS = ("C1 ", "C2 ", "G1 ", "GC ", "VM ", "Sweeper")


def app_cpu_seconds(pid):
    """CPU seconds of the threads of JVM `pid` that run code (kernel, cells, threads cells started), leaving out
    the JIT compiler and GC threads, which keep working for a while after a fresh JVM did a lot (JShell warm-up)."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except FileNotFoundError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        if not name.startswith(JVM_SERVICE_THREADS):
            fields = stat.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def wait_until_quiet(pid, window=0.5, cpu_max=0.05, timeout=TIMEOUT):
    """Waits until the code threads of JVM `pid` use less than `cpu_max` CPU seconds in a `window` (a fresh kernel's
    JShell indexes the class path for completion in the background for a while after its first cell); raises
    AssertionError if that does not happen within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = app_cpu_seconds(pid)
        time.sleep(window)              # a measurement window
        if app_cpu_seconds(pid) - before < cpu_max:
            return
    raise AssertionError(f"kernel {pid} kept using CPU for {timeout} s while idle")


def children_of(pid):
    """Pids of the direct children of `pid`."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (FileNotFoundError, ProcessLookupError):
                pass
    return found


def pid_alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_until(predicate, timeout, interval=0.02):
    """Polls `predicate` until it is true or `timeout` seconds passed; returns its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)


class KernelSession:
    """A running ParaLab kernel with its client; a context manager that always shuts the kernel down."""

    def __init__(self, startup_timeout=60, env=None):
        """`env`: variables added to the kernel's environment (e.g. JJAVA_CLASSPATH)."""
        install_kernelspec()
        self.stray = []            # iopub messages of other requests read while waiting for one
        extra = {} if env is None else {"env": dict(os.environ, **env)}
        self.km, self.kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=startup_timeout, **extra)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shutdown()

    @property
    def pid(self):
        return self.km.provisioner.process.pid

    def shutdown(self):
        try:
            self.kc.stop_channels()
        finally:
            if self.km.has_kernel:
                self.km.shutdown_kernel(now=False)

    def interrupt(self, timeout=TIMEOUT):
        """Sends interrupt_request on the control channel and waits for its reply (so it has been handled)."""
        msg = self.kc.session.msg("interrupt_request", {})
        self.kc.control_channel.send(msg)
        deadline = time.monotonic() + timeout
        while True:
            reply = self.kc.get_control_msg(timeout=max(0.01, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                return reply["content"]

    def submit(self, code):
        """Sends an execute request without waiting; returns its msg_id."""
        return self.kc.execute(code, allow_stdin=False)

    def reply(self, msg_id, timeout=TIMEOUT):
        """Waits for the execute_reply of `msg_id`; returns its content."""
        deadline = time.monotonic() + timeout
        while True:
            msg = self.kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg["content"]

    def outputs(self, msg_id, timeout=TIMEOUT):
        """iopub messages of `msg_id` until its idle status, as (msg_type, content) pairs."""
        collected = []
        deadline = time.monotonic() + timeout
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") != msg_id:
                self.stray.append(msg)
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return collected
            if msg["msg_type"] not in ("status", "execute_input"):
                collected.append((msg["msg_type"], msg["content"]))

    def execute(self, code, timeout=TIMEOUT):
        """Runs `code`; returns (execute_reply content, list of (msg_type, content) outputs of that cell)."""
        msg_id = self.submit(code)
        reply = self.reply(msg_id, timeout)
        return reply, self.outputs(msg_id, timeout)

    def wait_for_stream(self, msg_id, text, timeout=TIMEOUT):
        """Waits until a stream message of `msg_id` contains `text`; returns the messages read meanwhile."""
        seen = []
        deadline = time.monotonic() + timeout
        while True:
            try:
                msg = self.kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no output {text!r} within {timeout} s; saw {seen}")
            seen.append(msg)
            if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream"
                    and text in msg["content"]["text"]):
                return seen


def stream_text(outputs, name="stdout"):
    """The concatenated text of the stream outputs called `name`."""
    return "".join(c["text"] for t, c in outputs if t == "stream" and c["name"] == name)


class KernelCellAssertions(unittest.TestCase):
    """For test cases that share one kernel session in `self.k`: `run_ok` runs a cell and fails the test with the
    cell's error outputs unless it replied ok. The session starts before the class's tests and is shut down after
    them; a class whose kernel needs an environment calls `start_kernel(env=...)` in its own `setUpClass`."""

    @classmethod
    def setUpClass(cls):
        cls.start_kernel()

    @classmethod
    def start_kernel(cls, env=None):
        """Starts `cls.k`; it is shut down after the class's tests, before the class cleanups registered earlier."""
        cls.k = KernelSession(env=env)
        cls.addClassCleanup(cls.k.shutdown)

    def run_ok(self, code, timeout=120):
        reply, outputs = self.k.execute(code, timeout=timeout)
        self.assertEqual("ok", reply["status"], [c for t, c in outputs if t == "error"])
        return outputs
