"""Every notebook runs top to bottom in quick mode with no error and shows at least one plot.

The notebooks run through nbclient against the installed `paralab` kernelspec (see paralab_harness), with
PARALAB_QUICK=1 in the kernel's environment. The executed copies are written to target/notebooks/ so a failure
can be read there. The committed notebooks must be stripped of outputs and name the paralab kernel.
"""

import glob
import os
import re
import shutil
import tempfile
import time
import unittest

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from paralab_harness import install_kernelspec

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
EXECUTED = os.path.join(ROOT, "target", "notebooks")
EXPECTED = [
    "00-start-here",
    "01-threads-for-io",
    "02-cpu-bound-threads-vs-processes",
    "03-executors-and-futures",
    "04-async-io",
    "05-shared-state-between-processes",
    "06-locks-atomics-semaphores",
    "07-queues-producer-consumer",
    "08-process-lifecycle-and-ipc",
    "09-threads-inside-child-processes",
    "10-chunked-data-processing",
    "11-web-server-under-load",
    "12-failures-timeouts-and-balance",
    "13-beyond-one-machine",
]
CELL_TIMEOUT = 300
# a ratio such as "21.4×" or "3 ×" (a measured result belongs in a code cell's output, computed from the run)
RATIO = re.compile(r"\d+(?:\.\d+)?\s?×")


def notebook_path(name):
    return os.path.join(NOTEBOOKS, name + ".ipynb")


class CommittedNotebooks(unittest.TestCase):
    """What is in git: the full set, stripped, with the paralab kernelspec."""

    def test_the_set_of_notebooks_is_complete(self):
        found = sorted(os.path.splitext(os.path.basename(p))[0] for p in glob.glob(os.path.join(NOTEBOOKS, "*.ipynb")))
        self.assertEqual(EXPECTED, found)

    def test_notebooks_are_stripped_and_name_the_paralab_kernel(self):
        for name in EXPECTED:
            with self.subTest(notebook=name):
                nb = nbformat.read(notebook_path(name), as_version=4)
                nbformat.validate(nb)
                self.assertEqual("paralab", nb.metadata.kernelspec.name)
                for cell in nb.cells:
                    if cell.cell_type == "code":
                        self.assertEqual([], cell.outputs, "outputs committed")
                        self.assertIsNone(cell.execution_count, "execution count committed")


    def test_no_markdown_cell_states_a_measured_ratio(self):
        for name in EXPECTED:
            nb = nbformat.read(notebook_path(name), as_version=4)
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "markdown":
                    prose = re.sub(r"```.*?```", "", cell.source, flags=re.S)    # quoted Python code may hold any number
                    found = RATIO.findall(prose)
                    with self.subTest(notebook=name, cell=index):
                        self.assertEqual([], found, "a ratio written into the text instead of computed from the run")

    def test_parameters_cells_let_the_learner_choose_the_size_and_say_what_to_rerun(self):
        for name in EXPECTED:
            with self.subTest(notebook=name):
                nb = nbformat.read(notebook_path(name), as_version=4)
                code = [cell.source for cell in nb.cells if cell.cell_type == "code"]
                parameters = [source for source in code if "RunSize SIZE = RunSize.fromEnvironment();" in source]
                self.assertEqual(1, len(parameters), "one parameters cell with RunSize SIZE")
                self.assertIn("run this cell and", parameters[0])
                self.assertIn("every cell below it", parameters[0])
                self.assertFalse(any('getenv("PARALAB_QUICK")' in source for source in code),
                                 "sizes come from SIZE, which the learner can set in the cell, not from the environment alone")


def quick_mode(test_class):
    """Installs the kernelspec and sets the kernels' environment for quick mode, for `test_class`'s tests."""
    install_kernelspec()
    os.environ["PARALAB_QUICK"] = "1"          # inherited by the kernel jupyter_client starts
    # Ray (notebook 13's Python peer) keeps a session folder under $RAY_TMPDIR (default /tmp/ray) after it
    # ends: the notebooks' runs keep theirs in a folder of their own, removed with the tests
    ray_dir = tempfile.mkdtemp(prefix="paralab-ray-")
    test_class.addClassCleanup(shutil.rmtree, ray_dir, True)
    os.environ["RAY_TMPDIR"] = ray_dir
    os.makedirs(EXECUTED, exist_ok=True)


class NotebooksRunInQuickMode(unittest.TestCase):
    """Each notebook, executed like `./paralab run` does but with small sizes."""

    @classmethod
    def setUpClass(cls):
        quick_mode(cls)

    def run_notebook(self, name):
        nb = nbformat.read(notebook_path(name), as_version=4)
        client = NotebookClient(nb, kernel_name="paralab", timeout=CELL_TIMEOUT,
                                resources={"metadata": {"path": NOTEBOOKS}})
        started = time.monotonic()
        try:
            client.execute()
        finally:
            nbformat.write(nb, os.path.join(EXECUTED, name + ".ipynb"))
            print(f"\n{name}: {time.monotonic() - started:.1f} s in quick mode")
        return nb

    def check(self, name):
        try:
            nb = self.run_notebook(name)
        except CellExecutionError as e:
            self.fail(f"{name} failed (executed copy in {EXECUTED}):\n{e}")
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        errors = [o for o in outputs if o.output_type == "error"]
        self.assertEqual([], errors)
        images = [o for o in outputs if "image/png" in o.get("data", {})]
        self.assertTrue(images, f"{name} shows no image/png output")


class NotebooksRunAgainInTheSameKernel(unittest.TestCase):
    """A user runs a notebook, then runs all its cells again in the same kernel: the second run must work as the first
    (pools, shared regions and declarations made again, every cell compiled again over the first run's snippets)."""

    RERUN = ["02-cpu-bound-threads-vs-processes", "05-shared-state-between-processes",
             "12-failures-timeouts-and-balance"]

    @classmethod
    def setUpClass(cls):
        quick_mode(cls)

    def test_a_second_run_in_the_same_kernel_has_no_error_and_plots_again(self):
        for name in self.RERUN:
            with self.subTest(name=name):
                nb = nbformat.read(notebook_path(name), as_version=4)
                client = NotebookClient(nb, kernel_name="paralab", timeout=CELL_TIMEOUT,
                                        resources={"metadata": {"path": NOTEBOOKS}})
                with client.setup_kernel():
                    for run in (1, 2):
                        for index, cell in enumerate(nb.cells):
                            if cell.cell_type == "code":
                                try:
                                    client.execute_cell(cell, index)
                                except CellExecutionError as e:
                                    self.fail(f"{name}, run {run}, cell {index}:\n{e}")
                        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
                        self.assertEqual([], [o for o in outputs if o.output_type == "error"
                                              or (o.output_type == "stream" and o.name == "stderr")], f"run {run}")
                        self.assertTrue([o for o in outputs if "image/png" in o.get("data", {})], f"run {run}")


def _add_notebook_tests():
    for name in EXPECTED:
        def test(self, name=name):
            self.check(name)
        setattr(NotebooksRunInQuickMode, "test_" + name.replace("-", "_"), test)


_add_notebook_tests()

if __name__ == "__main__":
    unittest.main()
