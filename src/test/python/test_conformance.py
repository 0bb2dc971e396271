"""jupyter_kernel_test conformance suite against the installed `paralab` kernelspec.

Every test of the suite runs; only pager and clear_output are skipped (no sample given), as Java has neither.
"""

import unittest

import jupyter_kernel_test

from paralab_harness import install_kernelspec


def setUpModule():
    install_kernelspec()


class ParalabKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = "paralab"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world")'
    code_stderr = 'System.err.println("oops")'

    completion_samples = [
        {"text": "System.out.printl", "matches": {"println("}},
        {"text": "%lsma", "matches": {"lsmagic"}},
    ]

    complete_code_samples = ["1 + 1", "int x = 1;", "void f() {}", "%lsmagic", "for (int i = 0; i < 2; i++) {}"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int y = (1 +", "class A {\n  void f() {"]
    invalid_code_samples = ["int z = 1; }", ")", "foo(]"]

    code_generate_error = 'throw new IllegalStateException("boom")'

    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": '"a" + "b"', "result": "ab"},
        {"code": "int q = 5;\nq + 1", "result": "6"},
    ]
    code_history_pattern = "6?7"
    supported_history_operations = ("tail", "range", "search")

    code_display_data = [
        {"code": 'display("shown")', "mime": "text/plain"},
    ]

    code_inspect_sample = "Math.abs"


if __name__ == "__main__":
    unittest.main()
