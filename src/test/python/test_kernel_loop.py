"""The edit-and-re-run loop through jupyter_client: floods of output arrive whole, cells that cannot compile or
that exit say why and leave the kernel usable, interrupt ends any cell, a replayed request is refused, and a kernel
whose front end died shuts down with its pool workers."""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

from paralab_harness import (TIMEOUT, KernelSession, children_of, install_kernelspec, pid_alive, stream_text,
                             wait_until)

INTERRUPT_DEADLINE = 4.0      # seconds from interrupt to reply: the runner's 1.5 s grace plus a loaded machine's lag


def setUpModule():
    install_kernelspec()


class LoopTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.kernel = KernelSession()
        reply, _ = cls.kernel.execute("int kept = 41;")
        assert reply["status"] == "ok", reply

    @classmethod
    def tearDownClass(cls):
        cls.kernel.shutdown()

    def assert_kernel_usable(self):
        reply, outputs = self.kernel.execute("kept + 1")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual([c["data"]["text/plain"] for t, c in outputs if t == "execute_result"], ["42"])

    def test_a_hundred_thousand_lines_all_arrive_in_batches_and_the_cell_ends_idle(self):
        reply, outputs = self.kernel.execute(
            'for (int i = 0; i < 100_000; i++) System.out.println("line " + i);', timeout=120)
        self.assertEqual(reply["status"], "ok")
        lines = stream_text(outputs).splitlines()
        self.assertEqual(len(lines), 100_000)
        self.assertEqual(lines, [f"line {i}" for i in range(100_000)])
        messages = [c for t, c in outputs if t == "stream"]
        self.assertLess(len(messages), 2_000, "output was not batched")

    def test_a_too_long_string_literal_is_named_and_the_session_stays_usable(self):
        reply, outputs = self.kernel.execute('int beforeLong = 7;\nString huge = "' + "x" * 70_000 + '";')
        self.assertEqual(reply["status"], "error")
        self.assertIn("constant string too long", reply["evalue"])
        self.assertIn("cell line 2", reply["evalue"])
        for _ in range(3):                       # later cells run, see earlier variables and show their values
            reply, outputs = self.kernel.execute("beforeLong * 6")
            self.assertEqual([c["data"]["text/plain"] for t, c in outputs if t == "execute_result"], ["42"])
        reply, outputs = self.kernel.execute('System.out.println("still printing");')
        self.assertEqual(stream_text(outputs), "still printing\n")
        self.assert_kernel_usable()

    def test_exit_or_halt_through_reflection_or_a_method_handle_ends_the_cell_not_the_kernel(self):
        calls = {
            "reflection": 'System.class.getMethod("exit", int.class).invoke(null, 3);',
            "method handle": ('java.lang.invoke.MethodHandles.lookup().findStatic(System.class, "exit",\n'
                              '    java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(4);'),
            "runtime by reflection": 'Runtime.class.getMethod("exit", int.class).invoke(Runtime.getRuntime(), 5);',
            "halt by reflection": 'Runtime.class.getMethod("halt", int.class).invoke(Runtime.getRuntime(), 6);',
            "halt through a method handle": (
                'java.lang.invoke.MethodHandles.lookup().findVirtual(Runtime.class, "halt",\n'
                '    java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(Runtime.getRuntime(), 7);'),
            "halt through a bound method handle": (
                'java.lang.invoke.MethodHandles.lookup().bind(Runtime.getRuntime(), "halt",\n'
                '    java.lang.invoke.MethodType.methodType(void.class, int.class)).invokeWithArguments(8);'),
            "halt through an unreflected method": (
                'java.lang.invoke.MethodHandles.publicLookup().unreflect(Runtime.class.getMethod("halt", int.class))\n'
                '    .invoke(Runtime.getRuntime(), 9);'),
        }
        halts = {"halt by reflection": "Runtime.halt(6)", "halt through a method handle": "Runtime.halt(7)",
                 "halt through a bound method handle": "Runtime.halt(8)",
                 "halt through an unreflected method": "Runtime.halt(9)"}
        for name, call in calls.items():
            with self.subTest(name):
                reply, outputs = self.kernel.execute(call)
                self.assertEqual(reply["status"], "error", reply)
                self.assertIn("the kernel does not exit", reply["evalue"])
                if name in halts:
                    self.assertIn(halts[name], reply["evalue"])
                self.assertIn("error", [t for t, _ in outputs])
                self.assert_kernel_usable()

    def interrupt_after_start(self, code):
        k = self.kernel
        msg_id = k.submit('System.out.println("started");\n' + code)
        k.wait_for_stream(msg_id, "started", timeout=60)
        before = time.monotonic()
        k.interrupt()
        reply = k.reply(msg_id, timeout=30)
        elapsed = time.monotonic() - before
        k.outputs(msg_id)
        self.assertEqual(reply["ename"], "Interrupted")
        self.assertLess(elapsed, INTERRUPT_DEADLINE, f"reply came {elapsed:.2f} s after the interrupt")
        self.assert_kernel_usable()

    def test_interrupt_ends_a_cell_of_thousands_of_methods(self):
        self.interrupt_after_start("\n".join(f"int method{i}() {{ return {i}; }}" for i in range(3_000)))

    def test_interrupt_ends_a_cell_compiling_one_huge_class(self):
        body = "\n".join(f"    int m{i}(int x) {{ return x * {i} + m{max(i - 1, 0)}(x - 1); }}" for i in range(4_000))
        self.interrupt_after_start("class Huge {\n" + body + "\n}\nwhile (true) {}")

    def test_a_cell_too_large_to_compile_gets_an_error(self):
        code = "int s0 = 0;\n" + "".join(f"s0 += {i};\n" for i in range(500_000))
        self.assertGreater(len(code), 5_000_000)
        reply, _ = self.kernel.execute(code, timeout=60)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "CellTooLarge")
        self.assertIn("characters", reply["evalue"])
        self.assert_kernel_usable()

    def test_timeit_accepts_code_that_throws_checked_exceptions(self):
        reply, outputs = self.kernel.execute("%timeit -n 2 -r 2 Thread.sleep(50)")
        self.assertEqual(reply["status"], "ok", reply)
        text = stream_text(outputs)
        self.assertIn("per loop (mean ± std. dev. of 2 runs, 2 loops each)", text)
        self.assertRegex(text, r"^\d+(\.\d+)? ms ±")          # a sleep of 50 ms takes milliseconds

    def test_timeit_cell_magic_without_a_body_says_so(self):
        for cell in ("%%timeit", "%%timeit -n 3\n   \n"):
            with self.subTest(cell=cell):
                reply, _ = self.kernel.execute(cell)
                self.assertEqual(reply["status"], "error")
                self.assertIn("%%timeit needs a cell body", reply["evalue"])

    def test_a_replayed_signed_request_is_refused(self):
        k = self.kernel
        reply, _ = k.execute("int runs = 0;")
        self.assertEqual(reply["status"], "ok")
        kc = k.kc
        request = kc.session.msg("execute_request", {"code": "runs++;", "silent": False, "store_history": True,
                                                     "user_expressions": {}, "allow_stdin": False,
                                                     "stop_on_error": True})
        kc.session.send(kc.shell_channel.socket, request)
        self.assertEqual(k.reply(request["header"]["msg_id"])["status"], "ok")
        k.outputs(request["header"]["msg_id"])
        kc.session.send(kc.shell_channel.socket, request)        # the same frames, the same signature
        reply, outputs = k.execute("runs")                       # handled after the replay, in order
        self.assertEqual([c["data"]["text/plain"] for t, c in outputs if t == "execute_result"], ["1"])


FRONT_END = textwrap.dedent("""
    import json, sys, time
    from jupyter_client.manager import start_new_kernel
    km, kc = start_new_kernel(kernel_name="paralab", startup_timeout=120)
    code = ("var pool = io.paralab.process.ProcessPool.of(2);\\n"
            "pool.map(x -> x + 1, List.of(1, 2, 3, 4))")
    msg_id = kc.execute(code)
    while True:
        msg = kc.get_shell_msg(timeout=120)
        if msg["parent_header"].get("msg_id") == msg_id:
            break
    print(json.dumps({"kernel": km.provisioner.process.pid, "status": msg["content"]["status"]}), flush=True)
    time.sleep(600)
""")


class FrontEndDeathTest(unittest.TestCase):

    def test_the_kernel_and_its_pool_workers_go_when_the_front_end_is_killed(self):
        runtime = tempfile.mkdtemp(prefix="paralab-runtime-")
        self.addCleanup(shutil.rmtree, runtime, True)
        # the killed front end cannot remove its kernel's connection file (a temporary file): it goes with `runtime`
        env = dict(os.environ, JUPYTER_RUNTIME_DIR=runtime, TMPDIR=runtime)
        front = subprocess.Popen([sys.executable, "-c", FRONT_END], env=env, stdout=subprocess.PIPE, text=True)
        self.addCleanup(front.wait)
        self.addCleanup(lambda: front.poll() is None and front.kill())
        started = json.loads(front.stdout.readline())
        kernel = started["kernel"]
        self.addCleanup(lambda: pid_alive(kernel) and os.kill(kernel, signal.SIGKILL))
        self.assertEqual(started["status"], "ok")
        workers = children_of(kernel)
        self.assertGreaterEqual(len(workers), 2, "the pool's workers did not start")
        front.kill()
        front.wait(timeout=TIMEOUT)
        self.assertTrue(wait_until(lambda: not pid_alive(kernel), timeout=20),
                        "the kernel outlived its front end")
        self.assertTrue(wait_until(lambda: not any(pid_alive(w) for w in workers), timeout=10),
                        "pool workers outlived the kernel")


if __name__ == "__main__":
    unittest.main()
