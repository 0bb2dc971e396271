"""A notebook run the way a person runs it: the classic Jupyter Notebook server from Debian, headless Chromium
driven by Playwright (src/test/browser/run-notebook.js), Cell > Run All, then what the page shows.

Prerequisites (`./paralab test` provides them): Debian's `jupyter-notebook` and `chromium`, Node.js, and
`npm ci` done in src/test/browser; PARALAB_JAVA and PARALAB_JAR as for every Python test (mvn package first).

The notebook is notebooks/01-threads-for-io.ipynb. A copy of its folder is served, so the server's autosave never
writes into the repository. The screenshot goes to build/browser/<notebook name>.png.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import unittest
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from paralab_harness import children_of, install_kernelspec, pid_alive, wait_until

ROOT = Path(__file__).resolve().parents[3]
NOTEBOOK = ROOT / "notebooks" / "01-threads-for-io.ipynb"
BROWSER_PROJECT = ROOT / "src" / "test" / "browser"
SCREENSHOTS = ROOT / "build" / "browser"
CHROMIUM = "/usr/bin/chromium"
NOTEBOOK_SERVER = ["/usr/bin/python3", "-m", "notebook"]
KERNEL_DISPLAY_NAME = "Java (ParaLab)"
SERVER_START_TIMEOUT = 60    # seconds until the server answers /api/status
PAGE_TIMEOUT = 300           # seconds for each wait in the page: kernel ready, all cells run
STOP_TIMEOUT = 30            # seconds for the server, the browser and the kernel to end after being asked


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


class NotebookServer:
    """The classic Notebook server on 127.0.0.1 with a random token and throwaway Jupyter folders under `home`."""

    def __init__(self, home, notebook_dir, data_dir):
        self.token = secrets.token_hex(24)
        self.log_path = home / "server.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER_")}
        env.update(JUPYTER_DATA_DIR=str(data_dir), JUPYTER_CONFIG_DIR=str(home / "config"),
                   JUPYTER_RUNTIME_DIR=str(home / "runtime"), PARALAB_QUICK="1")
        self.port = free_port()
        command = NOTEBOOK_SERVER + ["--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
                                     "--NotebookApp.port_retries=0", f"--NotebookApp.token={self.token}",
                                     f"--notebook-dir={notebook_dir}"]
        if os.geteuid() == 0:
            command.append("--allow-root")
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(command, cwd=notebook_dir, env=env, stdin=subprocess.DEVNULL,
                                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}/{path}?token={self.token}"

    def log(self):
        return self.log_path.read_text(errors="replace")[-4000:]

    def wait_ready(self):
        def answers():
            if self.process.poll() is not None:
                raise AssertionError(f"the notebook server exited with {self.process.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url("api/status"), timeout=2) as response:
                    return response.status == 200
            except (urllib.error.URLError, OSError):
                return False
        if not wait_until(answers, SERVER_START_TIMEOUT, interval=0.2):
            raise AssertionError(f"the notebook server did not answer within {SERVER_START_TIMEOUT} s:\n{self.log()}")


class BrowserTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        missing = [what for what, ok in [
            (CHROMIUM + " (apt-get install chromium)", os.access(CHROMIUM, os.X_OK)),
            ("node (apt-get install nodejs npm)", shutil.which("node") is not None),
            (f"playwright-core (npm ci in {BROWSER_PROJECT})",
             (BROWSER_PROJECT / "node_modules" / "playwright-core").is_dir()),
        ] if not ok]
        if missing:
            raise AssertionError("the browser test needs " + ", ".join(missing) + "; ./paralab test installs them")
        cls.data_dir = install_kernelspec()

    def test_run_all_cells_in_chromium(self):
        notebook = NOTEBOOK
        home = Path(tempfile.mkdtemp(prefix="paralab-browser-"))
        served = home / "notebooks"
        shutil.copytree(notebook.parent, served, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        user_data_dir = home / "chromium-profile"
        user_data_dir.mkdir()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        screenshot = SCREENSHOTS / (notebook.stem + ".png")
        if screenshot.exists():
            screenshot.unlink()
        server = NotebookServer(home, served, self.data_dir)
        kernels = []
        try:
            server.wait_ready()
            result = self.run_in_browser(server, notebook.name, user_data_dir, screenshot)
            kernels = descendants(server.process.pid)
            self.check_page(result, notebook.name)
            self.assertTrue(screenshot.is_file() and screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n",
                            f"no PNG screenshot at {screenshot}")
        finally:
            kernels = kernels or descendants(server.process.pid)
            server_stopped = stop(server.process)
            left = [pid for pid in kernels if wait_until(lambda: not pid_alive(pid), STOP_TIMEOUT) is False]
            kill_all(left)
            shutil.rmtree(home, ignore_errors=True)
        self.assertTrue(server_stopped, f"the notebook server ignored SIGTERM for {STOP_TIMEOUT} s")
        self.assertEqual([], left, "kernel processes outlived the notebook server")

    def run_in_browser(self, server, name, user_data_dir, screenshot):
        """Runs run-notebook.js; returns the JSON it prints. Kills the browser if it outlives the script."""
        command = ["node", str(BROWSER_PROJECT / "run-notebook.js"),
                   "--url", server.url("notebooks/" + urllib.parse.quote(name)),
                   "--chromium", CHROMIUM, "--user-data-dir", str(user_data_dir),
                   "--screenshot", str(screenshot), "--timeout", str(PAGE_TIMEOUT)]
        driver = subprocess.Popen(command, cwd=BROWSER_PROJECT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            # two page waits plus start-up and the screenshot
            out, err = driver.communicate(timeout=2 * PAGE_TIMEOUT + 60)
        except subprocess.TimeoutExpired:
            os.killpg(driver.pid, signal.SIGKILL)
            out, err = driver.communicate(timeout=STOP_TIMEOUT)
            raise AssertionError(f"the browser driver did not finish in time:\n{err[-4000:]}")
        finally:
            if driver.poll() is None:
                os.killpg(driver.pid, signal.SIGKILL)
                driver.wait(STOP_TIMEOUT)
            browser_left = wait_until(lambda: not pids_with_argument(str(user_data_dir)), STOP_TIMEOUT)
            if not browser_left:
                kill_all(pids_with_argument(str(user_data_dir)))
        self.assertTrue(browser_left, "Chromium outlived its driver script")
        self.assertEqual(0, driver.returncode, f"the browser driver failed (screenshot, if any: {screenshot}):\n"
                                               f"{err[-4000:]}\nserver log:\n{server.log()}")
        return json.loads(out.strip().splitlines()[-1])

    def check_page(self, page, name):
        def where(cell):
            return f"cell {cell['index']} ({cell['source'].strip().splitlines()[0][:60]!r})"
        self.assertEqual("paralab", page["kernelName"], f"{name} did not start the paralab kernel")
        self.assertEqual(KERNEL_DISPLAY_NAME, page["kernelDisplayName"], "the page does not name the ParaLab kernel")
        code = [c for c in page["cells"] if c["source"].strip()]
        self.assertTrue(code, f"{name} has no code cell")
        not_run = [where(c) for c in code if not isinstance(c["prompt"], int)]
        self.assertEqual([], not_run, "cells that did not run")
        errors = [f"{where(c)}: {o['ename']}: {o['evalue']}" for c in code for o in c["outputs"] if o["type"] == "error"]
        stderr = [f"{where(c)}: {o['text']}" for c in code for o in c["outputs"]
                  if o["type"] == "stream" and o["name"] == "stderr"]
        self.assertEqual([], errors + stderr, "error output in the page")
        self.assertEqual(0, page["errorElements"], "error output shown in the page")
        self.assertEqual([], page["pageErrors"], "JavaScript errors in the page")
        plots = [i for i in page["images"] if i["naturalWidth"] > 0 and i["naturalHeight"] > 0 and i["shownWidth"] > 0]
        self.assertTrue(plots, f"no rendered plot image in the page: {page['images']}")


if __name__ == "__main__":
    unittest.main()
