"""A long session through jupyter_client: after hundreds of declare-and-show cells (whose generated class sources the
kernel trims), redeclarations, dependents compiled again against a changed declaration, completion, inspection,
compile errors and stack traces pointing at cell lines all still work."""

import unittest

from paralab_harness import KernelCellAssertions, install_kernelspec

CELLS = 300


def setUpModule():
    install_kernelspec()


class LongSessionTest(KernelCellAssertions):

    def value(self, code):
        outputs = self.run_ok(code)
        return [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"]

    def test_the_kernel_jvm_may_trim_jshells_class_sources(self):
        # the kernel jar's manifest opens jdk.jshell to the class path, which the trimming needs
        self.assertEqual(["true"], self.value('ModuleLayer.boot().findModule("jdk.jshell").orElseThrow()'
                                              '.isOpen("jdk.jshell", ClassLoader.getSystemClassLoader().getUnnamedModule())'))

    def test_after_hundreds_of_cells_everything_that_reads_old_snippets_works(self):
        self.run_ok("int lines(int n) {\n    int doubled = n * 2;\n"
                    "    if (n < 0) throw new IllegalStateException(\"negative \" + n);\n    return doubled;\n}")
        reply, _ = self.k.execute("1")
        thrower_cell = reply["execution_count"] - 1
        self.run_ok("int width = 4;")
        self.run_ok("String describe() { return \"width \" + width; }")
        for n in range(CELLS):
            self.run_ok(f"int a{n} = {n} * 3;")
            self.assertEqual([str(n * 3 + 1)], self.value(f"a{n} + 1"), f"cell {n}")

        self.assertEqual(["101"], self.value("int a5 = 100;\na5 + 1"))                # redeclared
        self.assertEqual(["3"], self.value("a1"))                                     # an early one kept its value
        self.run_ok("String width = \"wide\";")                     # describe() is compiled again against a String
        self.assertIn("width wide", self.value("describe()")[0])

        complete = self.k.reply(self.k.kc.complete("a29", 3))
        self.assertEqual("ok", complete["status"])
        self.assertIn("a299", complete["matches"])
        inspect = self.k.reply(self.k.kc.inspect("lines", 5))
        self.assertTrue(inspect["found"], inspect)
        self.assertIn("int lines(int n)", inspect["data"]["text/plain"])

        reply, _ = self.k.execute("int fine = 1;\nint wrong = \"text\";")
        self.assertEqual("error", reply["status"])
        self.assertIn("cell line 2: incompatible types", reply["evalue"])

        reply, _ = self.k.execute("int x = 2;\nlines(-x)")
        self.assertEqual("error", reply["status"])
        self.assertIn("negative -2", reply["evalue"])
        frames = "\n".join(reply["traceback"])
        self.assertIn(f"lines(cell [{thrower_cell}] line 3)", frames)                # the method's own cell and line
        self.assertEqual(["302"], self.value("a100 + 2"))


if __name__ == "__main__":
    unittest.main()
