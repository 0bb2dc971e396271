"""Kernel-level tests through jupyter_client: interrupt, output routing, System.exit, restart, error formats."""

import os
import subprocess
import tempfile
import time
import unittest
from datetime import datetime, timedelta, timezone

from paralab_harness import (TIMEOUT, KernelSession, app_cpu_seconds, children_of, install_kernelspec, java_and_jar,
                             pid_alive, stream_text, wait_until, wait_until_quiet)

INTERRUPT_DEADLINE = 1.0      # seconds from interrupt request to the cell's reply
IDLE_WINDOW = 1.0             # seconds over which an interrupted kernel must stay (nearly) idle
IDLE_CPU_MAX = 0.25           # CPU seconds allowed in that window (a spinning core would use ~1.0)


def setUpModule():
    install_kernelspec()


class OneKernelTest(unittest.TestCase):
    """Test cases sharing one kernel, started before the first test and shut down after the last."""

    @classmethod
    def setUpClass(cls):
        cls.kernel = KernelSession()

    @classmethod
    def tearDownClass(cls):
        cls.kernel.shutdown()


class InterruptTest(OneKernelTest):
    """A running cell ends within 1 s of an interrupt, no core keeps spinning, variables survive."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        reply, _ = cls.kernel.execute("int kept = 41;")
        assert reply["status"] == "ok", reply
        wait_until_quiet(cls.kernel.pid)    # the CPU checks below measure the cell's threads, not start-up work

    def interrupt_cell(self, code):
        k = self.kernel
        msg_id = k.submit('System.out.println("started");\n' + code)
        k.wait_for_stream(msg_id, "started")
        before = time.monotonic()
        k.interrupt()
        reply = k.reply(msg_id, timeout=10)
        elapsed = time.monotonic() - before
        outputs = k.outputs(msg_id)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "Interrupted")
        self.assertIn("interrupted", reply["evalue"])
        self.assertLess(elapsed, INTERRUPT_DEADLINE, f"reply came {elapsed:.2f} s after the interrupt")
        self.assertIn("error", [t for t, _ in outputs])
        cpu_before = app_cpu_seconds(k.pid)
        window_start = time.monotonic()
        time.sleep(IDLE_WINDOW)         # a measurement window, not a wait for something to happen
        used = app_cpu_seconds(k.pid) - cpu_before
        window = time.monotonic() - window_start
        self.assertLess(used, IDLE_CPU_MAX * window / IDLE_WINDOW,
                        f"kernel used {used:.2f} CPU s in {window:.2f} s after the interrupt: a thread still spins")
        reply, outputs = k.execute("kept + 1")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual([c["data"]["text/plain"] for t, c in outputs if t == "execute_result"], ["42"])

    def test_busy_loop(self):
        self.interrupt_cell("while (true) {}")

    def test_sleep(self):
        self.interrupt_cell("Thread.sleep(60_000);")

    def test_blocked_future_get(self):
        self.interrupt_cell("new CompletableFuture<String>().get();")

    def test_busy_loop_in_a_thread_the_cell_started(self):
        self.interrupt_cell("Thread t = new Thread(() -> { while (true) {} });\nt.start();\nt.join();")

    def test_busy_loops_in_common_pool_workers(self):
        self.interrupt_cell("java.util.stream.IntStream.range(0, 4).parallel().forEach(i -> { while (true) {} });")

    def test_cancellation_scope_of_the_cell_is_cancelled(self):
        k = self.kernel
        msg_id = k.submit('var scope = io.paralab.threads.CancellationScope.current().orElseThrow();\n'
                          'System.out.println("started");\nThread.sleep(60_000);')
        k.wait_for_stream(msg_id, "started")
        k.interrupt()
        self.assertEqual(k.reply(msg_id, timeout=10)["status"], "error")
        k.outputs(msg_id)
        reply, outputs = k.execute("scope.isCancelled()")
        self.assertEqual([c["data"]["text/plain"] for t, c in outputs if t == "execute_result"], ["true"])

    def test_interrupt_when_idle_changes_nothing(self):
        self.kernel.interrupt()
        reply, outputs = self.kernel.execute("kept")
        self.assertEqual([c["data"]["text/plain"] for t, c in outputs if t == "execute_result"], ["41"])


class CellBehaviourTest(OneKernelTest):

    def test_background_thread_output_lands_under_its_cell_after_the_cell_finished(self):
        k = self.kernel
        starter = k.submit(
            "var gate = new CountDownLatch(1);\nvar printed = new CountDownLatch(1);\n"
            "new Thread(() -> {\n"
            "    try { gate.await(); } catch (InterruptedException e) { return; }\n"
            "    System.out.println(\"from the first cell\");\n"
            "    printed.countDown();\n"
            "}).start();")
        self.assertEqual(k.reply(starter)["status"], "ok")
        self.assertEqual(k.outputs(starter), [])
        k.stray.clear()
        reply, outputs = k.execute('gate.countDown();\nprinted.await();\nSystem.out.println("second");')
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(stream_text(outputs), "second\n")
        late = [m for m in k.stray if m["msg_type"] == "stream"]
        self.assertEqual([m["content"]["text"] for m in late], ["from the first cell\n"])
        self.assertEqual(late[0]["parent_header"]["msg_id"], starter)

    def test_parallel_stream_output_from_pool_workers_lands_under_the_cell(self):
        reply, outputs = self.kernel.execute(
            'java.util.stream.IntStream.range(0, 8).parallel().forEach(i -> System.out.println("n" + i));')
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(sorted(stream_text(outputs).split()), [f"n{i}" for i in range(8)])

    def test_output_without_line_end_is_published_too(self):
        k = self.kernel
        msg_id = k.submit('Thread dots = new Thread(() -> System.out.print("..."));\ndots.start();\ndots.join();')
        self.assertEqual(k.reply(msg_id)["status"], "ok")
        k.stray.clear()
        outputs = k.outputs(msg_id)
        late = [m["content"]["text"] for m in k.stray if m["msg_type"] == "stream"]
        if stream_text(outputs) + "".join(late) != "...":
            k.wait_for_stream(msg_id, "...", timeout=5)

    def test_printf_is_published_as_one_line_not_piece_by_piece(self):
        reply, outputs = self.kernel.execute('System.out.printf("%d-%d%n", 1, 2);')
        self.assertEqual(reply["status"], "ok")
        streams = [c["text"] for t, c in outputs if t == "stream"]
        self.assertEqual(["1-2\n"], streams)

    def test_system_exit_ends_the_cell_not_the_kernel(self):
        calls = {"System.exit(3)": "System.exit(3)", "Runtime.getRuntime().exit(4)": "Runtime.exit(4)",
                 "Runtime.getRuntime().halt(5)": "Runtime.halt(5)",
                 "IntConsumer exit = System::exit;\nexit.accept(6)": "System.exit(6)",
                 "IntConsumer halt = Runtime.getRuntime()::halt;\nhalt.accept(7)": "Runtime.halt(7)"}
        for call, shown in calls.items():
            with self.subTest(call=call):
                reply, outputs = self.kernel.execute("int before = 1;\n" + call + ";")
                self.assertEqual(reply["status"], "error")
                self.assertIn(shown, reply["evalue"])
                self.assertIn("the kernel does not exit", reply["evalue"])
                self.assertIn(reply["evalue"], [c["evalue"] for t, c in outputs if t == "error"])
                reply, outputs = self.kernel.execute("before + 1")
                self.assertEqual([c["data"]["text/plain"] for t, c in outputs if t == "execute_result"], ["2"])

    def test_compile_error_points_at_the_cell_line(self):
        reply, outputs = self.kernel.execute('int a = 1;\n\nString b = a * "x";')
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "CompilationException")
        self.assertIn("cell line 3", reply["evalue"])
        self.assertIn("bad operand types", reply["evalue"])
        traceback = "\n".join(reply["traceback"])
        self.assertIn('String b = a * "x";', traceback)
        self.assertIn("^", traceback)

    def test_exception_shows_cell_frames_only(self):
        reply, outputs = self.kernel.execute(
            'void fail() {\n    throw new IllegalStateException("boom");\n}\nfail();')
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "java.lang.IllegalStateException")
        self.assertEqual(reply["evalue"], "boom")
        traceback = "\n".join(reply["traceback"])
        self.assertIn("java.lang.IllegalStateException: boom", traceback)
        self.assertRegex(traceback, r"at fail\(cell \[\d+\] line 2\)")
        self.assertRegex(traceback, r"at cell \[\d+\] line 4")
        for internal in ("io.paralab.kernel", "jdk.jshell", "java.lang.reflect", "jdk.internal.reflect"):
            self.assertNotIn(internal, traceback)

    def test_several_snippets_and_last_expression_result(self):
        reply, outputs = self.kernel.execute("int m = 2;\nint n = 3;\nm * n")
        self.assertEqual([c["data"]["text/plain"] for t, c in outputs if t == "execute_result"], ["6"])

    def test_a_malformed_request_is_dropped_and_the_kernel_keeps_answering(self):
        kc = self.kernel.kc
        malformed = kc.session.msg("kernel_info_request", {})
        del malformed["header"]["session"]                   # signed correctly, but not a valid header
        kc.session.send(kc.shell_channel.socket, malformed)
        reply = kc.kernel_info(reply=True, timeout=TIMEOUT)
        self.assertEqual(reply["content"]["status"], "ok")
        reply, outputs = self.kernel.execute("40 + 2")
        self.assertEqual([c["data"]["text/plain"] for t, c in outputs if t == "execute_result"], ["42"])


GATED_FAILURE = ('String gate = new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();\n'
                 'throw new IllegalStateException("failed after " + gate);')


class StopOnErrorTest(OneKernelTest):
    """Execute requests queued behind a failing cell are aborted, as ipykernel does with stop_on_error."""

    def setUp(self):
        reply, _ = self.kernel.execute("List<String> ran = new ArrayList<>();")
        self.assertEqual(reply["status"], "ok", reply)

    def submit_gated_failure(self, stop_on_error):
        """Sends a cell that blocks reading stdin and then fails; the requests sent before `fail_now` queue behind."""
        return self.kernel.kc.execute(GATED_FAILURE, allow_stdin=True, stop_on_error=stop_on_error)

    def fail_now(self):
        """Answers the gated cell's input request, so the cell fails after everything sent so far."""
        request = self.kernel.kc.get_stdin_msg(timeout=TIMEOUT)
        self.assertEqual(request["msg_type"], "input_request")
        self.kernel.kc.input("go")

    def ran(self):
        _, outputs = self.kernel.execute("ran")
        return [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"]

    def test_requests_queued_behind_a_failing_cell_are_aborted_and_later_ones_run(self):
        k = self.kernel
        failing = self.submit_gated_failure(stop_on_error=True)
        queued = [k.submit('ran.add("second");'), k.submit('ran.add("third");')]
        self.fail_now()
        reply = k.reply(failing)
        self.assertEqual((reply["status"], reply["evalue"]), ("error", "failed after go"))
        for msg_id in queued:
            self.assertEqual(k.reply(msg_id), {"status": "aborted"})
        self.assertIn("error", [t for t, _ in k.outputs(failing)])
        for msg_id in queued:
            self.assertEqual(k.outputs(msg_id), [], "an aborted request publishes busy and idle only")
        self.assertEqual(self.ran(), ["[]"], "an aborted cell ran")
        reply, _ = k.execute('ran.add("later");')
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual(self.ran(), ["[later]"])

    def test_a_failure_without_stop_on_error_aborts_nothing(self):
        k = self.kernel
        failing = self.submit_gated_failure(stop_on_error=False)
        queued = k.submit('ran.add("second");')
        self.fail_now()
        self.assertEqual(k.reply(failing)["status"], "error")
        self.assertEqual(k.reply(queued)["status"], "ok")
        k.outputs(failing)
        k.outputs(queued)
        self.assertEqual(self.ran(), ["[second]"])

    def test_other_requests_queued_behind_a_failure_are_answered(self):
        k = self.kernel
        failing = self.submit_gated_failure(stop_on_error=True)
        info = k.kc.kernel_info()
        self.fail_now()
        self.assertEqual(k.reply(failing)["status"], "error")
        self.assertEqual(k.reply(info)["status"], "ok")


class MessageDateTest(unittest.TestCase):

    def test_replies_and_iopub_messages_carry_the_current_utc_time_in_microseconds(self):
        with KernelSession() as k:
            before = datetime.now(timezone.utc)
            msg_id = k.kc.execute('String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in))'
                                  '.readLine();\nSystem.out.println(line);\n1 + 1', allow_stdin=True)
            input_request = k.kc.get_stdin_msg(timeout=TIMEOUT)
            k.kc.input("typed")
            messages = [input_request, self.shell_reply(k, msg_id)] + self.iopub_messages(k, msg_id)
            after = datetime.now(timezone.utc)
            self.assertEqual([m["msg_type"] for m in messages],
                             ["input_request", "execute_reply", "status", "execute_input", "stream", "execute_result",
                              "status"])
            slack = timedelta(milliseconds=1)
            for m in messages:
                date = m["header"]["date"]
                self.assertIsInstance(date, datetime, f"{m['msg_type']} date {date!r} is not ISO 8601")
                self.assertEqual(date.utcoffset(), timedelta(0), f"{m['msg_type']} date {date} is not UTC")
                self.assertTrue(before - slack <= date <= after + slack,
                                f"{m['msg_type']} date {date} is not between {before} and {after}")
            self.assertTrue(any(m["header"]["date"].microsecond % 1000 for m in messages),
                            "no date is finer than a millisecond")

    @staticmethod
    def shell_reply(k, msg_id):
        while True:
            msg = k.kc.get_shell_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg

    @staticmethod
    def iopub_messages(k, msg_id):
        collected = []
        while True:
            msg = k.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == msg_id:
                collected.append(msg)
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    return collected


EXTENSION_SOURCE = """
package demo;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

public class HelloExtension implements Extension {
    public static int installs;

    @Override
    public void install(BaseKernel kernel) {
        installs++;
        kernel.getMagicsRegistry().registerLineMagic("hello", (k, args) -> {
            System.out.println("hello " + String.join(" ", args));
            return null;
        });
    }
}
"""


class MagicsTest(OneKernelTest):

    def test_jars_installs_the_extensions_inside_once(self):
        java, jar = java_and_jar()
        bin_dir = os.path.dirname(java)
        with tempfile.TemporaryDirectory() as work:
            src = os.path.join(work, "src", "demo")
            os.makedirs(src)
            with open(os.path.join(src, "HelloExtension.java"), "w") as f:
                f.write(EXTENSION_SOURCE)
            classes = os.path.join(work, "classes")
            subprocess.run([os.path.join(bin_dir, "javac"), "--release", "21", "-cp", jar, "-d", classes,
                            os.path.join(src, "HelloExtension.java")], check=True, timeout=120)
            services = os.path.join(classes, "META-INF", "services")
            os.makedirs(services)
            with open(os.path.join(services, "org.dflib.jjava.jupyter.Extension"), "w") as f:
                f.write("demo.HelloExtension\n")
            ext_jar = os.path.join(work, "hello-ext.jar")
            subprocess.run([os.path.join(bin_dir, "jar"), "cf", ext_jar, "-C", classes, "."], check=True, timeout=60)

            reply, outputs = self.kernel.execute(f"%jars {ext_jar}")
            self.assertEqual(reply["status"], "ok", reply)
            self.assertIn("hello-ext.jar", stream_text(outputs))
            reply, outputs = self.kernel.execute("%hello world")
            self.assertEqual(reply["status"], "ok", reply)
            self.assertEqual(stream_text(outputs), "hello world\n")
            reply, outputs = self.kernel.execute(f"%classpath {ext_jar}\ndemo.HelloExtension.installs")
            self.assertEqual([c["data"]["text/plain"] for t, c in outputs if t == "execute_result"], ["1"])

    def test_bad_classpath_argument_is_named_and_changes_nothing(self):
        reply, _ = self.kernel.execute("%classpath /no/such/dir/*.jar")
        self.assertEqual(reply["status"], "error")
        self.assertIn("no file or folder matches '/no/such/dir/*.jar'", reply["evalue"])

    def test_time_prints_cpu_and_wall_time(self):
        reply, outputs = self.kernel.execute('%time String s = "a  b".repeat(2);')
        self.assertEqual(reply["status"], "ok", reply)
        self.assertRegex(stream_text(outputs), r"^CPU times: user .+, sys: .+, total: .+\nWall time: .+\n$")
        reply, outputs = self.kernel.execute("s")
        self.assertEqual([c["data"]["text/plain"] for t, c in outputs if t == "execute_result"], ["a  ba  b"])

    def test_timeit_prints_ipythons_summary(self):
        reply, outputs = self.kernel.execute("%timeit -n 100 -r 3 Math.sqrt(2.0)")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertRegex(stream_text(outputs),
                         r"^\S+ \S+ ± \S+ \S+ per loop \(mean ± std\. dev\. of 3 runs, 100 loops each\)\n$")
        reply, outputs = self.kernel.execute("%%timeit -r 2\nint t = 0;\nfor (int i = 0; i < 10; i++) t += i;")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertRegex(stream_text(outputs), r"per loop \(mean ± std\. dev\. of 2 runs, [\d,]+ loops? each\)\n$")

    def test_lsmagic_lists_the_kernel_magics(self):
        reply, outputs = self.kernel.execute("%lsmagic")
        text = stream_text(outputs)
        for magic in ("%classpath", "%jars", "%time", "%timeit", "%lsmagic", "%%time", "%%timeit"):
            self.assertIn(magic, text)


class LifecycleTest(unittest.TestCase):

    def test_restart_and_shutdown_leave_no_child_process(self):
        with KernelSession() as k:
            reply, _ = k.execute('Process p = new ProcessBuilder("sleep", "60").start();\np.pid()')
            self.assertEqual(reply["status"], "ok")
            first_pid = k.pid
            children = children_of(first_pid)
            self.assertTrue(children, "the cell's child process should be running")
            k.km.restart_kernel(now=False)
            self.assertTrue(wait_until(lambda: not any(pid_alive(c) for c in children), timeout=2.0),
                            "a child of the old kernel survived the restart")
            self.assertFalse(pid_alive(first_pid))
            k.kc.wait_for_ready(timeout=60)
            reply, _ = k.execute('Process q = new ProcessBuilder("sleep", "60").start();')
            second_children = children_of(k.pid)
            self.assertTrue(second_children)
        self.assertTrue(wait_until(lambda: not any(pid_alive(c) for c in second_children), timeout=2.0),
                        "a child survived the shutdown")


if __name__ == "__main__":
    unittest.main()
