"""JupyterLab used the way a person uses it: JupyterLab 4 from the project's environment (src/requirements/run.txt),
headless Chromium driven by Playwright (src/test/browser/jupyterlab.js), menus, toolbar, clicks and keys.

On notebooks/00-start-here.ipynb: Run All (every cell ran, no error output, every chart an <img> with a size);
the parameters cell edited (DOWNLOADS halved) and re-run with the cell that uses it, whose output
follows the edit; a `while (true) {}` cell stopped with the toolbar's interrupt button (kernel idle within 2 s,
an earlier variable still there); Kernel > Restart Kernel… (variables gone, a cell runs again); `Str` + Tab lists
Java classes; Help > Show Contextual Help on `String` shows its Javadoc. Then notebooks/02 with Run All (a process
pool from a real browser session). The kernel is the one the notebooks' metadata names.

Prerequisites (`./paralab test` provides them): this Python is build/venv's (JupyterLab), Debian's `chromium`,
Node.js, `npm ci` done in src/test/browser; PARALAB_JAVA and PARALAB_JAR as for every Python test. The server
runs on 127.0.0.1 with a random token and throwaway Jupyter config, data and runtime folders, on a copy of the
notebooks folder (autosave never writes into the repository). Screenshots: build/browser/ (the finished
notebooks, named after them, and step-N-*.png).
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import unittest
import urllib.error
import urllib.request
from pathlib import Path

from paralab_harness import children_of, install_kernelspec, pid_alive, wait_until

ROOT = Path(__file__).resolve().parents[3]
NOTEBOOKS = ROOT / "notebooks"
FIRST = "00-start-here.ipynb"
SECOND = "02-cpu-bound-threads-vs-processes.ipynb"
BROWSER_PROJECT = ROOT / "src" / "test" / "browser"
SCREENSHOTS = ROOT / "build" / "browser"
CHROMIUM = "/usr/bin/chromium"
KERNEL_NAME = "paralab"
KERNEL_DISPLAY_NAME = "Java (ParaLab)"
INTERRUPT_LIMIT_MS = 2000    # from the click on the interrupt button to an idle kernel
SERVER_START_TIMEOUT = 90    # seconds until the server answers /api/status
PAGE_TIMEOUT = 300           # seconds for each wait in the page
DRIVER_TIMEOUT = 1200        # seconds for the whole browser session
STOP_TIMEOUT = 30            # seconds for the server, the browser and the kernels to end after being asked
# JupyterLab 4's debugger extension calls displayModules() after every execute_reply of a notebook whose kernel
# has no debugger, and that call throws this as an unhandled rejection. It is JupyterLab's, not the kernel's;
# every other JavaScript error fails the test.
JUPYTERLAB_DEBUGGER_NOISE = "Error: No active debugger session"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pids_with_argument(text):
    """Pids of processes whose command line contains `text` (a path unique to this test)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    if text.encode() in f.read() and pid_alive(int(entry)):
                        found.append(int(entry))
            except OSError:
                pass
    return found


def descendants(pid):
    """Pids of every process below `pid`."""
    found, todo = [], [pid]
    while todo:
        for child in children_of(todo.pop()):
            found.append(child)
            todo.append(child)
    return found


def kill_all(pids):
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def stop(process, timeout=STOP_TIMEOUT):
    """Asks `process` to end (SIGTERM), then kills it if it has not within `timeout` s; True if it ended when asked."""
    if process.poll() is not None:
        return True
    process.terminate()
    try:
        process.wait(timeout)
        return True
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout)
        return False


class LabServer:
    """JupyterLab on 127.0.0.1 with a random token and throwaway Jupyter folders under `home`."""

    def __init__(self, home, notebook_dir, data_dir):
        self.token = secrets.token_hex(24)
        self.log_path = home / "server.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
        env.update(JUPYTER_DATA_DIR=str(data_dir), JUPYTER_CONFIG_DIR=str(home / "config"),
                   JUPYTER_RUNTIME_DIR=str(home / "runtime"), JUPYTER_TOKEN=self.token, PARALAB_QUICK="1")
        self.port = free_port()
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
                   "--ServerApp.port_retries=0", f"--ServerApp.root_dir={notebook_dir}",
                   # window.jupyterapp, through which the driver reads the notebook model and the kernel's state
                   "--LabApp.expose_app_in_browser=True"]
        if os.geteuid() == 0:
            command.append("--allow-root")
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(command, cwd=notebook_dir, env=env, stdin=subprocess.DEVNULL,
                                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def base_url(self):
        return f"http://127.0.0.1:{self.port}/"

    def log(self):
        return self.log_path.read_text(errors="replace")[-4000:]

    def wait_ready(self):
        def answers():
            if self.process.poll() is not None:
                raise AssertionError(f"JupyterLab exited with {self.process.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.base_url()}api/status?token={self.token}", timeout=2) as response:
                    return response.status == 200
            except (urllib.error.URLError, OSError):
                return False
        if not wait_until(answers, SERVER_START_TIMEOUT, interval=0.2):
            raise AssertionError(f"JupyterLab did not answer within {SERVER_START_TIMEOUT} s:\n{self.log()}")


def where(cell):
    return f"cell {cell['index']} ({cell['source'].strip().splitlines()[0][:60]!r})"


def text_of(cell):
    return "".join(o["text"] or "" for o in cell["outputs"])


class JupyterLabTest(unittest.TestCase):
    """One browser session through every step; the session's record is checked step by step."""

    @classmethod
    def setUpClass(cls):
        missing = [what for what, ok in [
            (CHROMIUM + " (apt-get install chromium)", os.access(CHROMIUM, os.X_OK)),
            ("node (apt-get install nodejs npm)", shutil.which("node") is not None),
            (f"playwright-core (npm ci in {BROWSER_PROJECT})",
             (BROWSER_PROJECT / "node_modules" / "playwright-core").is_dir()),
            (f"JupyterLab in {sys.executable} (src/requirements/run.txt)", _imports("jupyterlab")),
        ] if not ok]
        if missing:
            raise AssertionError("the browser test needs " + ", ".join(missing) + "; ./paralab test installs them")
        data_dir = install_kernelspec()
        cls.home = Path(tempfile.mkdtemp(prefix="paralab-lab-"))
        served = cls.home / "notebooks"
        shutil.copytree(NOTEBOOKS, served, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        user_data_dir = cls.home / "chromium-profile"
        user_data_dir.mkdir()
        shutil.rmtree(SCREENSHOTS, ignore_errors=True)
        SCREENSHOTS.mkdir(parents=True)
        server = LabServer(cls.home, served, data_dir)
        kernels = []
        try:
            server.wait_ready()
            cls.session = cls.drive(server, user_data_dir)
            kernels = descendants(server.process.pid)
        finally:
            kernels = kernels or descendants(server.process.pid)
            cls.server_stopped = stop(server.process)
            cls.kernels_left = [pid for pid in kernels if not wait_until(lambda: not pid_alive(pid), STOP_TIMEOUT)]
            kill_all(cls.kernels_left)
            shutil.rmtree(cls.home, ignore_errors=True)

    @classmethod
    def drive(cls, server, user_data_dir):
        """Runs jupyterlab.js; returns the JSON record it prints. Kills the browser if it outlives the script."""
        command = ["node", str(BROWSER_PROJECT / "jupyterlab.js"), "--lab", server.base_url(), "--token", server.token,
                   "--chromium", CHROMIUM, "--user-data-dir", str(user_data_dir), "--screenshots", str(SCREENSHOTS),
                   "--first", FIRST, "--second", SECOND, "--timeout", str(PAGE_TIMEOUT)]
        driver = subprocess.Popen(command, cwd=BROWSER_PROJECT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            out, err = driver.communicate(timeout=DRIVER_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(driver.pid, signal.SIGKILL)
            out, err = driver.communicate(timeout=STOP_TIMEOUT)
            raise AssertionError(f"the browser driver did not finish in {DRIVER_TIMEOUT} s:\n{err[-4000:]}")
        finally:
            if driver.poll() is None:
                os.killpg(driver.pid, signal.SIGKILL)
                driver.wait(STOP_TIMEOUT)
            if not wait_until(lambda: not pids_with_argument(str(user_data_dir)), STOP_TIMEOUT):
                kill_all(pids_with_argument(str(user_data_dir)))
                raise AssertionError("Chromium outlived its driver script")
        if driver.returncode != 0 or not out.strip():
            raise AssertionError(f"the browser driver failed:\n{err[-4000:]}\nserver log:\n{server.log()}")
        session = json.loads(out.strip().splitlines()[-1])
        session["driverLog"] = err[-4000:]
        session["serverLog"] = server.log()
        return session

    def step(self, name):
        """The record of step `name`; fails, naming the step that broke off, when the session did not reach it."""
        session = self.session
        if name not in session["steps"]:
            self.fail(f"the browser session broke off in step '{session.get('failed')}' before '{name}' "
                      f"(screenshot: {SCREENSHOTS}/failed-{session.get('failed')}.png):\n{session.get('error')}\n"
                      f"driver:\n{session['driverLog']}\nserver log:\n{session['serverLog']}")
        return session[name]

    def check_run_all(self, run, notebook):
        self.assertEqual(KERNEL_NAME, run["kernel"]["name"], f"{notebook} did not start the paralab kernel")
        self.assertEqual(KERNEL_DISPLAY_NAME, run["kernel"]["displayName"])
        self.assertEqual([], run["kernel"]["dialogs"], "a dialog is open (a kernel picker?)")
        code = [c for c in run["cells"] if c["source"].strip()]
        self.assertTrue(code, f"{notebook} has no code cell")
        self.assertEqual([], [where(c) for c in code if not isinstance(c["executionCount"], int)],
                         f"{notebook}: cells that did not run")
        errors = [f"{where(c)}: {o['ename']}: {o['evalue']}" for c in code for o in c["outputs"] if o["type"] == "error"]
        stderr = [f"{where(c)}: {o['text']}" for c in code for o in c["outputs"]
                  if o["type"] == "stream" and o["name"] == "stderr"]
        self.assertEqual([], errors + stderr, f"{notebook}: error output")
        self.assertEqual(0, run["errorElements"], f"{notebook}: error output shown in the page")
        charts = sum(1 for c in code for o in c["outputs"] if "image/png" in o["mime"])
        self.assertGreater(charts, 0, f"{notebook} showed no chart")
        self.assertEqual(charts, len(run["images"]), f"{notebook}: PNG outputs and <img> elements differ")
        empty = [i for i in run["images"] if not (i["naturalWidth"] > 0 and i["naturalHeight"] > 0
                                                  and i["shownWidth"] > 0 and i["shownHeight"] > 0)]
        self.assertEqual([], empty, f"{notebook}: chart images without a size")
        shot = SCREENSHOTS / (Path(notebook).stem + ".png")
        self.assertTrue(shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"no screenshot {shot}")

    def test_1_opening_notebook_00_starts_the_kernel_its_metadata_names(self):
        opened = self.step("open")
        self.assertEqual(FIRST, opened["path"])
        self.assertEqual(KERNEL_NAME, opened["name"])
        self.assertEqual(KERNEL_DISPLAY_NAME, opened["displayName"])
        self.assertEqual([], opened["dialogs"], "JupyterLab asked for a kernel")

    def test_2_run_all_runs_every_cell_without_error_and_shows_the_charts(self):
        self.check_run_all(self.step("runAll"), FIRST)

    def test_3_an_edited_parameter_changes_what_the_cells_show(self):
        edit = self.step("edit")
        self.assertTrue(edit["found"], f"{FIRST} has no `int DOWNLOADS = n;` line in a code cell")
        new = edit["newSize"]
        self.assertIn(f"int DOWNLOADS = {new};", edit["parameters"]["after"]["source"], "the edit did not land")
        self.assertIn(f": {new} downloads of", text_of(edit["parameters"]["after"]))
        self.assertIsNotNone(edit["user"], f"no cell after the parameters uses DOWNLOADS and shows text")
        before, after = text_of(edit["user"]["before"]), text_of(edit["user"]["after"])
        self.assertNotEqual(before, after, f"{where(edit['user']['after'])} shows the same after the edit")
        self.assertIn(f"{new} downloads", after, "the cell does not follow the edited DOWNLOADS")
        self.assertTrue((SCREENSHOTS / "step-1-edited-parameter.png").is_file())

    def test_4_the_toolbar_interrupt_stops_a_busy_loop_and_keeps_the_variables(self):
        interrupt = self.step("interrupt")
        self.assertTrue(interrupt["busyBefore"], "the loop was not running when the button was pressed")
        self.assertLessEqual(interrupt["idleAfterMs"], INTERRUPT_LIMIT_MS, "the kernel was not idle in time")
        self.assertEqual(["error"], [o["type"] for o in interrupt["loop"]["outputs"]],
                         "the interrupted cell shows no error")
        self.assertEqual(f"DOWNLOADS is still {self.step('edit')['newSize']}\n", text_of(interrupt["after"]))
        self.assertTrue((SCREENSHOTS / "step-2-interrupted.png").is_file())

    def test_5_restart_from_the_menu_forgets_the_variables_and_runs_cells_again(self):
        restart = self.step("restart")
        self.assertEqual(1, restart["sizeAfterRestart"]["executionCount"], "the execution count did not restart at 1")
        self.assertEqual(["error"], [o["type"] for o in restart["sizeAfterRestart"]["outputs"]],
                         "DOWNLOADS survived the restart")
        self.assertIn(f": {self.step('edit')['newSize']} downloads of", text_of(restart["parameters"]))
        self.assertEqual(2 + len([c for c in self.step("runAll")["cells"]
                                  if c["index"] < restart["parameters"]["index"] and c["executionCount"]]),
                         restart["parameters"]["executionCount"], "the cells before the parameters ran again, then it")
        self.assertTrue((SCREENSHOTS / "step-3-restarted.png").is_file())

    def test_6_str_tab_lists_java_classes(self):
        complete = self.step("complete")
        self.assertTrue({"String", "StringBuilder"} <= set(complete["items"]), complete["items"])
        self.assertTrue(all(item.startswith("Str") for item in complete["items"]), complete["items"])
        self.assertTrue((SCREENSHOTS / "step-4-completions.png").is_file())

    def test_7_contextual_help_on_string_shows_its_javadoc(self):
        text = self.step("help")["text"]
        self.assertTrue(text.startswith("java.lang.String"), text[:200])
        self.assertIn("represents character strings", text)
        self.assertTrue((SCREENSHOTS / "step-5-contextual-help.png").is_file())

    def test_8_run_all_on_notebook_02_runs_the_process_pools(self):
        second = self.step("second")
        self.assertEqual(SECOND, second["opened"]["path"])
        self.check_run_all(second, SECOND)

    def test_9_no_javascript_error_and_nothing_left_running(self):
        self.step("second")
        errors = [e for e in self.session["pageErrors"] if JUPYTERLAB_DEBUGGER_NOISE not in e]
        self.assertEqual([], errors, "JavaScript errors in the page")
        self.assertTrue(self.server_stopped, f"JupyterLab ignored SIGTERM for {STOP_TIMEOUT} s")
        self.assertEqual([], self.kernels_left, "kernel processes outlived JupyterLab")


def _imports(module):
    try:
        __import__(module)
        return True
    except ImportError:
        return False


if __name__ == "__main__":
    unittest.main()
