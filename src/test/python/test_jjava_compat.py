"""A JJava user's set-up carries over: JJava's environment variables, %load of .jsh and .ipynb files, %whos, and
compile errors that name the symbol they are about, in a real kernel session."""

import json
import os
import shutil
import tempfile
import time
import unittest

from paralab_harness import stream_text, KernelCellAssertions
from test_dependencies import publish


class JJavaSetUp(KernelCellAssertions):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="paralab-jjava-")
        cls.addClassCleanup(shutil.rmtree, cls.tmp, True)
        libs = os.path.join(cls.tmp, "libs")
        publish(os.path.join(cls.tmp, "repo"), "org.example", "env", "1.0",
                {"envlib/Hello.java": "package envlib; public class Hello { public static String hi() { return \"hi\"; } }"})
        os.makedirs(libs)
        shutil.copy(os.path.join(cls.tmp, "repo", "org", "example", "env", "1.0", "env-1.0.jar"), libs)
        scripts = os.path.join(cls.tmp, "scripts")
        os.makedirs(scripts)
        with open(os.path.join(scripts, "a.jsh"), "w") as f:
            f.write("int fromScript = 41;\n")
        cls.start_kernel(env={
            "JJAVA_CLASSPATH": os.path.join(libs, "*.jar"),
            "JJAVA_STARTUP_SCRIPTS_PATH": os.path.join(scripts, "*.jsh"),
            "JJAVA_STARTUP_SCRIPT": "int fromVariable = fromScript + 1;",
            "JJAVA_COMPILER_OPTS": "-parameters",
            "JJAVA_TIMEOUT": "10 SECONDS",
        })


    def result(self, code):
        return [c["data"]["text/plain"] for t, c in self.run_ok(code) if t == "execute_result"][0]

    def test_classpath_startup_scripts_and_compiler_options_from_the_environment(self):
        self.assertEqual("hi 41 42", self.result('envlib.Hello.hi() + " " + fromScript + " " + fromVariable'))
        self.run_ok("class P { void m(int count) {} }")
        self.assertEqual("count", self.result('P.class.getDeclaredMethod("m", int.class).getParameters()[0].getName()'))

    def test_a_cell_longer_than_the_timeout_is_stopped_and_the_kernel_goes_on(self):
        started = time.monotonic()
        reply, _ = self.k.execute("int before = 7;\nThread.sleep(60_000);", timeout=45)
        self.assertLess(time.monotonic() - started, 30)
        self.assertEqual("error", reply["status"])
        self.assertEqual("Timeout", reply["ename"])
        self.assertIn("JJAVA_TIMEOUT", reply["evalue"])
        self.assertEqual("8", self.result("before + 1"))

    def test_load_runs_a_script_and_the_code_cells_of_a_notebook(self):
        script = os.path.join(self.tmp, "helpers.jsh")
        with open(script, "w") as f:
            f.write("String greet(String who) { return \"hello \" + who; }\n")
        notebook = os.path.join(self.tmp, "setup.ipynb")
        with open(notebook, "w") as f:
            json.dump({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
                {"cell_type": "markdown", "metadata": {}, "source": ["# not code"]},
                {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                 "source": ["int loaded = 1;\n", "loaded += 1;"]},
                {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                 "source": ["String loadedText = greet(\"nb\");"]}]}, f)
        self.run_ok(f"%load {script[:-4]}")
        self.run_ok(f"%load {notebook}")
        self.assertEqual("hello nb 2", self.result('loadedText + " " + loaded'))
        reply, _ = self.k.execute(f"%load {self.tmp}/missing")
        self.assertEqual("error", reply["status"])
        self.assertIn("%load: no file", reply["evalue"])

    def test_whos_lists_variables_methods_and_classes(self):
        self.run_ok("record Pair(int a, int b) {}\nint twice(int x) { return 2 * x; }\nvar pair = new Pair(1, 2);\n"
                    "String longText = \"x\".repeat(500);")
        outputs = self.run_ok("%whos")
        data = [c["data"] for t, c in outputs if t == "display_data"][0]
        text = data["text/plain"]
        self.assertRegex(text, r"\npair\s+variable\s+Pair\s+Pair\[a=1, b=2\]\n")
        self.assertRegex(text, r"\ntwice\s+method\s+\(int\)int")
        self.assertRegex(text, r"\nPair\s+record\s+Pair")
        long_line = [line for line in text.split("\n") if line.startswith("longText")][0]
        self.assertLess(len(long_line), 120)
        self.assertIn("<td>pair</td>", data["text/html"])

    def test_a_compile_error_names_the_symbol(self):
        reply, _ = self.k.execute("int x = 1;\nint y = nosuch + x;")
        self.assertEqual("error", reply["status"])
        self.assertIn("cannot find symbol: variable nosuch", reply["evalue"])

    def test_records_and_maps_show_as_tables_and_json_as_json(self):
        self.run_ok("record Row(int n, String word) {}")
        outputs = self.run_ok("java.util.stream.IntStream.range(0, 30).mapToObj(i -> new Row(i, \"w\" + i)).toList()")
        data = [c["data"] for t, c in outputs if t == "execute_result"][0]
        self.assertIn("<table", data["text/html"])
        self.assertIn(">w19<", data["text/html"])
        self.assertNotIn(">w20<", data["text/html"])
        self.assertTrue(data["text/plain"].endswith("… 10 more"), data["text/plain"])
        outputs = self.run_ok("JsonView.of(Map.of(\"workers\", 4))")
        data = [c["data"] for t, c in outputs if t == "execute_result"][0]
        self.assertEqual({"workers": 4}, data["application/json"])

    def test_is_complete_says_invalid_for_lexical_errors(self):
        for code, status in (("String s = \"abc;", "invalid"), ("char c = 'ab';", "invalid"), ("int # = 1;", "invalid"),
                             ("int y = (1 +", "incomplete"), ("int z = 1;", "complete")):
            msg_id = self.k.kc.is_complete(code)
            while True:
                reply = self.k.kc.get_shell_msg(timeout=30)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            self.assertEqual(status, reply["content"]["status"], code)

    def test_inspect_shows_the_jdks_javadoc_as_text(self):
        java_home = os.path.dirname(os.path.dirname(os.path.realpath(os.environ["PARALAB_JAVA"])))
        if not os.path.isfile(os.path.join(java_home, "lib", "src.zip")):
            self.skipTest("the JDK under test ships no src.zip")
        msg_id = self.k.kc.inspect("Math.max", 8)
        while True:
            reply = self.k.kc.get_shell_msg(timeout=30)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        text = reply["content"]["data"]["text/plain"]
        self.assertIn("int Math.max(int a, int b)", text)
        self.assertIn("Returns the greater of two int values.", text)


if __name__ == "__main__":
    unittest.main()
