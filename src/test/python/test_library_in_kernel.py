"""The helper library and the extension inside a real ParaLab kernel session (through jupyter_client).

What only a kernel can show: classes and lambdas written in cells running in child JVMs, interrupt cancelling
the child processes a cell started, pool workers in %ps, a live progress bar, and inline charts.
"""

import os
import pathlib
import re
import signal
import time
import unittest
import uuid

from paralab_harness import KernelSession, children_of, pid_alive, stream_text, wait_until, KernelCellAssertions


def rich_outputs(outputs):
    return [c for t, c in outputs if t in ("execute_result", "display_data")]


class FirstCell(unittest.TestCase):

    def test_the_first_cell_of_a_fresh_kernel_sees_the_extensions_imports(self):
        with KernelSession() as k:
            reply, outputs = k.execute("ProcessPool.class.getSimpleName() + \" \" + Bench.class.getSimpleName()")
            self.assertEqual("ok", reply["status"], outputs)
            self.assertEqual("ProcessPool Bench", rich_outputs(outputs)[0]["data"]["text/plain"])


class NothingLeftBehind(unittest.TestCase):
    """What a kernel session's code started or created goes when the session or the pool that made it ends."""

    def cell_text(self, k, code):
        reply, outputs = k.execute(code, timeout=120)
        errors = [c for t, c in outputs if t == "error"]
        self.assertEqual("ok", reply["status"], errors)
        return stream_text(outputs).strip()

    def test_a_process_a_pool_task_started_ends_with_the_pool(self):
        with KernelSession() as k:
            sleep_pid = int(self.cell_text(k,
                "try (var pool = ProcessPool.of(1)) {\n"
                "    System.out.println(pool.submit((SerializableCallable<Long>)\n"
                "        () -> new ProcessBuilder(\"sleep\", \"300\").start().pid()).get());\n"
                "}"))
            try:
                self.assertTrue(wait_until(lambda: not pid_alive(sleep_pid), timeout=10),
                                f"sleep {sleep_pid} outlived the pool's close()")
            finally:
                if pid_alive(sleep_pid):
                    os.kill(sleep_pid, signal.SIGKILL)

    def test_shared_regions_a_session_left_open_go_when_it_ends_unless_kept(self):
        suffix = uuid.uuid4().hex[:8]
        left, kept, killed = f"left-{suffix}", f"kept-{suffix}", f"killed-{suffix}"
        with KernelSession() as k:
            directory = pathlib.Path(self.cell_text(k,
                f"var left = io.paralab.shared.SharedLongArray.create(\"{left}\", 1_000);\n"
                f"var kept = io.paralab.shared.SharedLong.create(\"{kept}\");\n"
                "kept.set(42);\n"
                "kept.keepAfterExit();\n"
                "System.out.println(io.paralab.shared.SharedDirectory.path());"))
            self.assertTrue((directory / left).exists())
        try:
            self.assertFalse((directory / left).exists(), "a region the session never closed outlived the kernel")
            self.assertTrue((directory / kept).exists(), "a region kept with keepAfterExit() was removed")
            k = KernelSession()
            try:
                self.assertEqual("42", self.cell_text(k,
                    f"try (var opened = io.paralab.shared.SharedLong.open(\"{kept}\")) {{ System.out.println(opened.get()); }}\n"
                    f"io.paralab.shared.SharedLong.create(\"{killed}\");"))
                os.kill(k.pid, signal.SIGKILL)   # no hook runs: the region stays
                self.assertTrue(wait_until(lambda: not pid_alive(k.pid), timeout=10))
            finally:
                k.shutdown()
            self.assertTrue((directory / killed).exists())
            with KernelSession() as k:
                self.assertEqual("0", self.cell_text(k,
                    f"try (var again = io.paralab.shared.SharedLong.create(\"{killed}\")) {{ System.out.println(again.get()); }}"))
            self.assertFalse((directory / killed).exists())
        finally:
            for name in (left, kept, killed):
                (directory / name).unlink(missing_ok=True)


class LibraryInKernel(KernelCellAssertions):


    def test_a_cell_defined_record_and_lambda_run_in_worker_jvms(self):
        outputs = self.run_ok(
            "record Point(int x, int y) implements java.io.Serializable {}\n"
            "List<Integer> r;\n"
            "try (var pool = ProcessPool.of(2)) {\n"
            "    r = pool.map(p -> p.x() * p.y(), List.of(new Point(2, 3), new Point(4, 5)));\n"
            "}\n"
            "System.out.println(r);\n"
            "System.out.println(ProcessHandle.current().pid());")
        printed = stream_text(outputs).split()
        self.assertEqual("[6,", printed[0])
        self.assertEqual("20]", printed[1])

    def test_a_producer_waiting_for_a_consumer_task_that_could_not_start_fails_naming_why(self):
        name = f"no-consumer-{uuid.uuid4().hex[:8]}"
        self.run_ok(                             # a task whose function cannot be loaded in a worker JVM
            "class OnlyInTheKernel implements SerializableCallable<Long> {\n"
            f"    private static final long KERNEL = {self.k.pid}L;\n"
            "    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {\n"
            "        in.defaultReadObject();\n"
            "        if (ProcessHandle.current().pid() != KERNEL) {\n"
            "            throw new java.io.InvalidObjectException(\"OnlyInTheKernel cannot be loaded in a worker\");\n"
            "        }\n"
            "    }\n"
            f"    public Long call() throws Exception {{ try (var q = SharedQueue.open(\"{name}\")) {{ return q.take(); }} }}\n"
            "}")
        reply, outputs = self.k.execute(
            f"try (var pool = ProcessPool.of(1); var queue = SharedQueue.create(\"{name}\", 2)) {{\n"
            "    var consumer = pool.submit(new OnlyInTheKernel());\n"
            "    for (long i = 0; i < 10; i++) queue.put(i);       // full after 2: only the consumer could drain it\n"
            "}", timeout=60)
        self.assertEqual("error", reply["status"])
        self.assertEqual("io.paralab.threads.WaitAbandonedException", reply["ename"])
        self.assertIn("could not start", reply["evalue"])
        self.assertIn("OnlyInTheKernel cannot be loaded in a worker", "\n".join(reply["traceback"]))
        self.assertEqual("2", rich_outputs(self.run_ok("1 + 1"))[0]["data"]["text/plain"])

    def test_system_exit_in_a_task_ends_its_worker_not_the_cell_and_the_pool_replaces_it(self):
        outputs = self.run_ok(
            "try (var pool = ProcessPool.of(1)) {\n"
            "    var f = pool.submit(() -> { System.exit(3); return 0; });\n"
            "    try { f.get(); } catch (ExecutionException e) { System.out.println(e.getCause()); }\n"
            "    System.out.println(pool.submit(() -> 6 * 7).get());\n"
            "}")
        died, answer = stream_text(outputs).strip().split("\n")
        self.assertIn("WorkerDiedException", died)
        self.assertIn("code 3", died)
        self.assertEqual("42", answer)

    def test_a_worker_reports_its_own_pid_not_the_kernels(self):
        outputs = self.run_ok(
            "long kernelPid = ProcessHandle.current().pid();\n"
            "try (var pool = ProcessPool.of(1)) {\n"
            "    long workerPid = pool.submit((SerializableCallable<Long>) () -> ProcessHandle.current().pid()).get();\n"
            "    System.out.println(kernelPid + \" \" + workerPid + \" \" + pool.workerPids());\n"
            "}")
        kernel_pid, worker_pid, pids = stream_text(outputs).split(" ", 2)
        self.assertEqual(str(self.k.pid), kernel_pid)
        self.assertNotEqual(kernel_pid, worker_pid)
        self.assertIn(worker_pid, pids)

    def test_interrupt_cancels_the_child_processes_the_cell_started(self):
        msg_id = self.k.submit(
            "var pool = ProcessPool.of(2);\n"
            "System.out.println(\"workers \" + pool.workerPids());\n"
            "pool.submit((SerializableCallable<Integer>) () -> { Thread.sleep(600_000); return 1; }).get();")
        seen = self.k.wait_for_stream(msg_id, "workers ", timeout=60)
        text = "".join(m["content"]["text"] for m in seen
                       if m["msg_type"] == "stream" and m["parent_header"].get("msg_id") == msg_id)
        pids = [int(p) for p in re.findall(r"\d+", text.split("workers ", 1)[1])]
        self.assertEqual(2, len(pids))
        self.assertTrue(all(pid_alive(p) for p in pids))
        self.k.km.interrupt_kernel()
        reply = self.k.reply(msg_id, timeout=10)
        self.assertEqual("error", reply["status"])
        self.assertTrue(wait_until(lambda: not any(pid_alive(p) for p in pids), timeout=5),
                        f"workers {pids} still alive after the interrupt")
        # the kernel lives on
        outputs = self.run_ok("21 * 2")
        self.assertEqual("42", rich_outputs(outputs)[0]["data"]["text/plain"])

    def test_ps_lists_a_pools_workers_while_it_runs(self):
        outputs = self.run_ok(
            "try (var pool = ProcessPool.of(2)) {\n"
            "    System.out.println(\"workers \" + pool.workerPids());\n"
            "    %ps\n"
            "}")
        pids = re.findall(r"\d+", stream_text(outputs).split("workers ", 1)[1])
        tables = [c["data"]["text/html"] for c in rich_outputs(outputs) if "text/html" in c["data"]]
        self.assertEqual(1, len(tables))
        for pid in pids:
            self.assertIn(f">{pid}<", tables[0])
        self.assertEqual([], [p for p in children_of(self.k.pid) if str(p) in pids], "workers left behind")

    def test_a_pool_map_shows_a_live_progress_bar_that_ends_at_100_percent(self):
        msg_id = self.k.submit(
            "try (var pool = ProcessPool.of(2)) {\n"
            "    pool.map(x -> { java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); return x; }, java.util.stream.IntStream.range(0, 1000).boxed().toList(),\n"
            "             ProgressBar.show(\"sleepy items\"));\n"
            "}")
        # read iopub while the cell runs, so arrival times are the times the kernel sent the messages
        displays, updates = [], []
        deadline = time.monotonic() + 120
        while True:
            msg = self.k.kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "display_data":
                displays.append(msg["content"])
            elif msg["msg_type"] == "update_display_data":
                updates.append((time.monotonic(), msg["content"]))
            elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        self.assertEqual("ok", self.k.reply(msg_id, timeout=10)["status"])
        self.assertEqual(1, len(displays))
        display_id = displays[0]["transient"]["display_id"]
        self.assertTrue(updates, "no update_display_data")
        self.assertTrue(all(c["transient"]["display_id"] == display_id for _, c in updates))
        final = updates[-1][1]["data"]["text/plain"]
        self.assertIn("100%", final)
        self.assertIn("1000", final)
        # at most 10 updates a second. Arrival times carry the receiver's scheduling jitter, which can only
        # bunch messages, so count over 2-second windows: at most 20 in any of them.
        times = [t for t, _ in updates]
        for i, t in enumerate(times):
            self.assertLessEqual(sum(1 for u in times[i:] if u - t < 2.0), 20)

    def test_a_chart_as_last_expression_shows_a_png(self):
        outputs = self.run_ok(
            "var chart = new org.knowm.xchart.XYChartBuilder().width(400).height(300).title(\"squares\").build();\n"
            "chart.addSeries(\"x²\", new double[]{1, 2, 3}, new double[]{1, 4, 9});\n"
            "chart")
        data = rich_outputs(outputs)[0]["data"]
        self.assertIn("image/png", data)
        self.assertGreater(len(data["image/png"]), 1000)

    def test_bench_compare_of_three_variants_shows_a_table_and_a_chart(self):
        outputs = self.run_ok(
            "Bench.compare(\"adders\").warmup(2).runs(5)\n"
            "    .variant(\"AtomicLong\", () -> { var a = new java.util.concurrent.atomic.AtomicLong(); for (int i = 0; i < 10_000; i++) a.incrementAndGet(); return a.get(); })\n"
            "    .variant(\"LongAdder\", () -> { var a = new java.util.concurrent.atomic.LongAdder(); for (int i = 0; i < 10_000; i++) a.increment(); return a.sum(); })\n"
            "    .variant(\"plain long\", () -> { long a = 0; for (int i = 0; i < 10_000; i++) a++; return a; })\n"
            "    .baseline(\"AtomicLong\").run()")
        data = rich_outputs(outputs)[0]["data"]
        self.assertIn("<table", data["text/html"])
        for name in ("AtomicLong", "LongAdder", "plain long"):
            self.assertIn(name, data["text/html"])
        self.assertIn("<img", data["text/html"])
        self.assertIn("image/png", data)


class CellVariablesInTasks(KernelCellAssertions):
    """A pool task sees the cell variables it reads as they are when it is submitted, in every worker."""

    def value(self, code, timeout=120):
        return rich_outputs(self.run_ok(code, timeout))[0]["data"]["text/plain"]


    def test_a_changed_variable_reaches_a_warm_pool(self):
        self.run_ok("var warm = ProcessPool.of(2); int kk = 1;")
        try:
            self.assertEqual("[1, 1, 1, 1]", self.value("warm.map(x -> kk, List.of(1, 2, 3, 4))"))
            self.run_ok("kk = 2;")
            self.assertEqual("[2, 2, 2, 2, 2, 2]", self.value("warm.map(x -> kk, List.of(1, 2, 3, 4, 5, 6))"))
            self.run_ok("var names = new ArrayList<String>(List.of(\"a\"));")
            self.assertEqual("[1, 1]", self.value("warm.map(x -> names.size(), List.of(1, 2))"))
            self.run_ok("names.add(\"b\"); names.add(\"c\");")
            self.assertEqual("[3, 3]", self.value("warm.map(x -> names.size(), List.of(1, 2))"))
        finally:
            self.run_ok("warm.close();")

    def test_after_a_worker_is_replaced_results_use_the_current_values(self):
        self.run_ok("var one = ProcessPool.of(2); int vv = 1;")
        try:
            self.assertEqual("[1, 1, 1, 1]", self.value("one.map(x -> vv, List.of(1, 2, 3, 4))"))
            self.run_ok("vv = 5;\n"
                        "try { one.submit(() -> { System.exit(3); return 0; }).get(); } catch (ExecutionException e) { }")
            self.assertEqual("[5, 5, 5, 5, 5, 5, 5, 5]", self.value("one.map(x -> vv, List.of(1, 2, 3, 4, 5, 6, 7, 8))"))
        finally:
            self.run_ok("one.close();")

    def test_ten_pools_of_eight_threads_per_worker_all_see_the_values(self):
        self.run_ok("int magic = 42; String word = \"w\";")
        self.assertEqual("640", self.value(
            "int right = 0;\n"
            "var items = java.util.stream.IntStream.range(0, 64).boxed().toList();\n"
            "for (int p = 0; p < 10; p++) {\n"
            "    try (var pool = ProcessPool.builder().workers(2).threadsPerWorker(8).build()) {\n"
            "        for (String r : pool.map(x -> magic + \":\" + word, items)) if (r.equals(\"42:w\")) right++;\n"
            "    }\n"
            "}\n"
            "right", timeout=300))

    def test_a_variable_that_cannot_travel_is_named(self):
        self.run_ok("Thread notSerializable = new Thread();")
        reply, outputs = self.k.execute(
            "try (var pool = ProcessPool.of(1)) { pool.map(x -> notSerializable.getName(), List.of(1)); }", timeout=120)
        self.assertEqual("error", reply["status"])
        self.assertEqual("java.lang.IllegalArgumentException", reply["ename"])
        self.assertIn("cell variable notSerializable", reply["evalue"])
        self.assertIn("java.lang.Thread is not Serializable", reply["evalue"])

    def test_ps_alone_in_a_cell_shows_its_table_once(self):
        outputs = self.run_ok("%ps")
        self.assertEqual(1, len([c for c in rich_outputs(outputs) if "text/html" in c["data"]]))


if __name__ == "__main__":
    unittest.main()
