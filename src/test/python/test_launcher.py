"""The jar's command line: bad arguments are named and exit non-zero; install is idempotent and uses this JVM."""

import json
import os
import subprocess
import tempfile
import unittest

from paralab_harness import java_and_jar


def run(*args, env=None):
    java, jar = java_and_jar()
    return subprocess.run([java, "-jar", jar, *args], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, **(env or {})))


class LauncherTest(unittest.TestCase):

    def test_bad_arguments_are_named_and_exit_non_zero(self):
        for args, message in ((["frobnicate"], "unknown command 'frobnicate'"),
                              ([], "no command given"),
                              (["install", "--system"], "unknown argument '--system'"),
                              (["install", "--prefix"], "--prefix needs a value"),
                              (["kernel"], "kernel needs exactly one argument")):
            with self.subTest(args=args):
                result = run(*args)
                self.assertEqual(result.returncode, 2)
                self.assertIn(message, result.stderr)
                self.assertIn("usage:", result.stderr)

    def test_prefix_install_writes_a_kernelspec_for_this_jvm_and_can_be_repeated(self):
        java, jar = java_and_jar()
        with tempfile.TemporaryDirectory() as prefix:
            cache_dir = os.path.join(prefix, "cache")
            for _ in range(2):
                result = run("install", "--prefix", prefix, "--name", "paralab-test", env={"XDG_CACHE_HOME": cache_dir})
                self.assertEqual(result.returncode, 0, result.stderr)
            spec_dir = os.path.join(prefix, "share", "jupyter", "kernels", "paralab-test")
            with open(os.path.join(spec_dir, "kernel.json")) as f:
                spec = json.load(f)
            self.assertEqual(spec["argv"][0], os.path.realpath(java))
            self.assertIn(os.path.realpath(jar), spec["argv"])
            self.assertEqual(spec["argv"][-2:], ["kernel", "{connection_file}"])
            caches = [a.split("=", 1)[1] for a in spec["argv"] if a.startswith(("-XX:AOTCache=", "-XX:SharedArchiveFile="))]
            self.assertEqual(len(caches), 1, spec["argv"])
            self.assertEqual(os.path.dirname(caches[0]), os.path.join(cache_dir, "paralab"),
                             "the start-up cache lives in $XDG_CACHE_HOME/paralab")
            self.assertEqual([n for n in os.listdir(os.path.join(cache_dir, "paralab")) if ".tmp" in n], [],
                             "a training run leaves no temporary file")
            self.assertEqual(spec["display_name"], "Java (ParaLab)")
            self.assertEqual(spec["interrupt_mode"], "message")
            self.assertTrue(os.path.isfile(os.path.join(spec_dir, "logo-64x64.png")))


if __name__ == "__main__":
    unittest.main()
