"""Maven dependencies from cells (%maven, %mavenRepo, %loadFromPOM, %%loadFromPOM) in a real kernel session.

The test builds a Maven repository in a temporary folder (two artifacts, one depending on the other, compiled with
the JDK under test) and gives the kernel a home of its own (-Duser.home through JDK_JAVA_OPTIONS), so its
~/.m2/settings.xml and local repository are the test's: no network, nothing written outside the temporary folder.
"""

import os
import shutil
import subprocess
import tempfile
import unittest
import zipfile

from paralab_harness import java_and_jar, stream_text, KernelCellAssertions


def publish(repo, group, artifact, version, sources, deps=(), classpath=()):
    """Compiles `sources` ({path: code}) into group:artifact:version's jar and writes its POM, in Maven's layout."""
    java, _ = java_and_jar()
    folder = os.path.join(repo, *group.split("."), artifact, version)
    os.makedirs(folder, exist_ok=True)
    dependencies = "".join(
        f"<dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version></dependency>"
        for g, a, v in (d.split(":") for d in deps))
    with open(os.path.join(folder, f"{artifact}-{version}.pom"), "w") as f:
        f.write(f"<project><modelVersion>4.0.0</modelVersion><groupId>{group}</groupId>"
                f"<artifactId>{artifact}</artifactId><version>{version}</version>"
                f"<dependencies>{dependencies}</dependencies></project>")
    work = tempfile.mkdtemp(prefix="paralab-lib-")
    try:
        files = []
        for path, code in sources.items():
            file = os.path.join(work, "src", path)
            os.makedirs(os.path.dirname(file), exist_ok=True)
            with open(file, "w") as f:
                f.write(code)
            files.append(file)
        classes = os.path.join(work, "classes")
        javac = os.path.join(os.path.dirname(java), "javac")
        cp = ["-cp", os.pathsep.join(classpath)] if classpath else []
        subprocess.run([javac, "-d", classes, *cp, *files], check=True, timeout=120)
        jar = os.path.join(folder, f"{artifact}-{version}.jar")
        with zipfile.ZipFile(jar, "w") as z:
            for root, _, names in os.walk(classes):
                for name in names:
                    full = os.path.join(root, name)
                    z.write(full, os.path.relpath(full, classes))
        return jar
    finally:
        shutil.rmtree(work, ignore_errors=True)


class MavenInKernel(KernelCellAssertions):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="paralab-maven-")
        cls.addClassCleanup(shutil.rmtree, cls.tmp, True)
        cls.repo = os.path.join(cls.tmp, "remote")
        cls.home = os.path.join(cls.tmp, "home")
        os.makedirs(os.path.join(cls.home, ".m2"))
        base = publish(cls.repo, "org.example", "base", "1.0",
                       {"demo/Base.java": "package demo; public class Base { public static String name() { return \"base\"; } }"})
        publish(cls.repo, "org.example", "greeter", "2.0",
                {"demo/Greeter.java": "package demo; public class Greeter implements java.io.Serializable {"
                                      " public static String greet() { return \"hello from \" + Base.name(); } }"},
                deps=["org.example:base:1.0"], classpath=[base])
        publish(cls.repo, "org.example", "extra", "1.0",
                {"demo/Extra.java": "package demo; public class Extra { public static int answer() { return 42; } }"})
        cls.repo_url = "file://" + cls.repo
        # Central is mirrored to the test's repository: a lookup never leaves the machine.
        with open(os.path.join(cls.home, ".m2", "settings.xml"), "w") as f:
            f.write(f"<settings><mirrors><mirror><id>test-central</id><mirrorOf>central</mirrorOf>"
                    f"<url>{cls.repo_url}</url></mirror></mirrors></settings>")
        cls.start_kernel(env={"JDK_JAVA_OPTIONS": f"-Duser.home={cls.home}"})


    def run_error(self, code, timeout=120):
        reply, outputs = self.k.execute(code, timeout=timeout)
        self.assertEqual("error", reply["status"], outputs)
        return reply

    def result(self, outputs):
        return [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"][0]

    def test_1_maven_resolves_transitively_and_the_jars_reach_cells_and_pool_workers(self):
        outputs = self.run_ok("%maven org.example:greeter:2.0")
        text = stream_text(outputs)
        self.assertIn("Downloaded greeter-2.0.jar", text)
        self.assertIn("Added to the class path: 2 jars (greeter-2.0.jar, base-1.0.jar)", text)
        self.assertTrue(os.path.isfile(os.path.join(
            self.home, ".m2", "repository", "org", "example", "base", "1.0", "base-1.0.jar")))
        self.assertEqual('hello from base', self.result(self.run_ok("demo.Greeter.greet()")))
        outputs = self.run_ok(
            "try (var pool = ProcessPool.of(1)) {\n"
            "    var f = pool.submit(() -> demo.Greeter.greet() + \" \""
            " + System.getProperty(\"java.class.path\").contains(\"greeter-2.0.jar\"));\n"
            "    System.out.println(f.get());\n"
            "}")
        self.assertEqual("hello from base true", stream_text(outputs).strip())

    def test_2_a_failure_names_the_artifact_and_adds_nothing(self):
        reply = self.run_error("%maven org.example:extra:1.0 org.example:nothing:9.9")
        message = reply["evalue"] + "\n".join(reply["traceback"])
        self.assertIn("org.example:nothing:jar:9.9: not found in", message)
        self.assertIn("nothing was added", message)
        self.assertEqual("ResolutionException", reply["ename"])
        self.assertNotIn("\tat ", "\n".join(reply["traceback"]), "no Java stack trace")
        self.run_error("demo.Extra.answer()")             # extra resolved fine, but was not added either
        reply = self.run_error("%maven guava")
        self.assertEqual("%maven: bad coordinates 'guava': expected groupId:artifactId:version"
                         " (or groupId:artifactId:extension[:classifier]:version)", reply["evalue"])

    def test_3_maven_repo_and_load_from_pom(self):
        outputs = self.run_ok(f"%mavenRepo team {self.repo_url}")
        self.assertIn("Added Maven repository team", stream_text(outputs))
        pom = os.path.join(self.tmp, "pom.xml")
        with open(pom, "w") as f:
            f.write("<project><modelVersion>4.0.0</modelVersion><groupId>me</groupId><artifactId>nb</artifactId>"
                    "<version>1</version><dependencies><dependency><groupId>org.example</groupId>"
                    "<artifactId>extra</artifactId><version>1.0</version></dependency></dependencies></project>")
        self.run_ok(f"%loadFromPOM {pom}")
        self.assertEqual("42", self.result(self.run_ok("demo.Extra.answer()")))
        outputs = self.run_ok(
            "%%loadFromPOM\n"
            f"<repository><id>team</id><url>{self.repo_url}</url></repository>\n"
            "<dependency><groupId>org.example</groupId><artifactId>base</artifactId><version>1.0</version></dependency>")
        self.assertIn("Added to the class path: 1 jar (base-1.0.jar)", stream_text(outputs))

    def test_4_an_unknown_magic_is_one_line_naming_the_closest(self):
        reply = self.run_error("%mavn org.example:base:1.0")
        self.assertEqual("UnknownMagic", reply["ename"])
        self.assertEqual(["unknown line magic %mavn: did you mean %maven?"], reply["traceback"])
        reply = self.run_error("%%loadFromPom\n<dependency/>")
        self.assertEqual(["unknown cell magic %%loadFromPom: did you mean %%loadFromPOM?"], reply["traceback"])
        reply = self.run_error("%frobnicate")
        self.assertEqual(["unknown line magic %frobnicate (%lsmagic lists the magics)"], reply["traceback"])


if __name__ == "__main__":
    unittest.main()
