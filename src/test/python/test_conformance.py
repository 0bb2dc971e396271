"""jupyter_kernel_test conformance suite against the installed `paralab` kernelspec.

Every test of the suite runs; only pager and clear_output are skipped (no sample given), as Java has neither.
"""

import inspect
import unittest

import jupyter_kernel_test
from jupyter_client.utils import run_sync

from paralab_harness import install_kernelspec

# jupyter_kernel_test 0.4.5 (the pinned version, also Debian 12's) wraps the blocking client's get_msg in
# jupyter_client.utils.run_sync, which since jupyter_client 8 accepts only coroutine functions. A blocking call
# needs no wrapping: the suite gets a run_sync that passes it through.
if hasattr(jupyter_kernel_test, "run_sync"):
    jupyter_kernel_test.run_sync = lambda function: (
        run_sync(function) if inspect.iscoroutinefunction(function) else function)


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
