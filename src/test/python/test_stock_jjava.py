"""The extension jar in stock JJava (>= 1.0-a6), through jupyter_client: cell lambdas run in a ProcessPool and a
JvmProcess with the current values of the cell variables they read, and %ps shows its table once.

Stock JJava is not on Maven Central and CI does not build it, so these tests skip unless STOCK_JJAVA_JUPYTER_PATH
names a Jupyter path whose kernels/java is stock JJava's kernelspec (built from its public source), e.g.

    STOCK_JJAVA_JUPYTER_PATH=/opt/jjava-stock/jupyter PARALAB_JAR=$PWD/target/paralab.jar \\
        python -m unittest src/test/python/test_stock_jjava.py -v
"""

import os
import shutil
import tempfile
import unittest

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import start_new_kernel

from paralab_harness import java_and_jar

STOCK_PATH = os.environ.get("STOCK_JJAVA_JUPYTER_PATH")
TIMEOUT = 120


def stock_kernelspec():
    """The directory of stock JJava's `java` kernelspec under STOCK_JJAVA_JUPYTER_PATH, or None."""
    if not STOCK_PATH:
        return None
    try:
        return KernelSpecManager(kernel_dirs=[os.path.join(STOCK_PATH, "kernels")]).get_kernel_spec("java").resource_dir
    except NoSuchKernel:
        return None


@unittest.skipUnless(stock_kernelspec(), "stock JJava is not installed: set STOCK_JJAVA_JUPYTER_PATH to a Jupyter "
                                         "path whose kernels/java is stock JJava's kernelspec")
class ExtensionInStockJJava(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        _, jar = java_and_jar()
        os.environ["JUPYTER_PATH"] = STOCK_PATH + os.pathsep + os.environ.get("JUPYTER_PATH", "")
        cls.cache = tempfile.mkdtemp(prefix="paralab-stock-cache-")   # the child JVMs' class-data archives
        cls.km, cls.kc = start_new_kernel(kernel_name="java", startup_timeout=TIMEOUT,
                                          env=dict(os.environ, JJAVA_CLASSPATH=jar, XDG_CACHE_HOME=cls.cache))

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)
        shutil.rmtree(cls.cache, ignore_errors=True)

    def run_cell(self, code):
        """(reply content, [(msg_type, content)]) of one cell."""
        outputs = []
        reply = self.kc.execute_interactive(code, timeout=TIMEOUT,
                                            output_hook=lambda m: outputs.append((m["msg_type"], m["content"])))
        return reply["content"], outputs

    def value(self, code):
        reply, outputs = self.run_cell(code)
        self.assertEqual("ok", reply["status"], [c for t, c in outputs if t == "error"])
        return [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"][0]

    def test_a_cell_lambda_runs_in_a_pool_with_current_variables(self):
        self.value("import io.paralab.process.*; var pool = ProcessPool.of(2); int kk = 1; 0")
        try:
            self.assertEqual("[1, 1, 1, 1]", self.value("pool.map(x -> kk, List.of(1, 2, 3, 4))"))
            self.assertEqual("ok", self.run_cell("kk = 2;")[0]["status"])
            self.assertEqual("[2, 2, 2, 2, 2, 2]", self.value("pool.map(x -> kk, List.of(1, 2, 3, 4, 5, 6))"))
            self.value("record Point(int x, int y) implements java.io.Serializable {} 0")
            self.assertEqual("[12, 40]", self.value("pool.map(p -> p.x() * p.y() * kk, List.of(new Point(2, 3), new Point(4, 5)))"))
            self.assertEqual("Point[x=7, y=2]",
                             self.value("try (var child = JvmProcess.start(() -> new Point(7, kk))) { child.result(); }\n"
                                        "JvmProcess.start(() -> new Point(7, kk)).result()"))
        finally:
            self.run_cell("pool.close();")

    def test_ps_shows_its_table_once(self):
        reply, outputs = self.run_cell("%ps")
        self.assertEqual("ok", reply["status"])
        self.assertEqual(1, len([c for t, c in outputs if t in ("display_data", "execute_result")
                                 and "text/html" in c["data"]]))


if __name__ == "__main__":
    unittest.main()
