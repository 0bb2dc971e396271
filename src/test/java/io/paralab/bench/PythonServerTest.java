package io.paralab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PythonServerTest {

    /** Standard library only, so any python3 runs it: answers every GET with "hello <arg>". */
    private static final String SERVER = """
            import http.server, sys
            class Hello(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = ("hello " + sys.argv[1]).encode()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            server = http.server.HTTPServer(("127.0.0.1", 0), Hello)
            print("PORT", server.server_address[1], flush=True)
            server.serve_forever()
            """;

    private static void assumePython() {
        assumeTrue(PythonOriginal.findPython().isPresent(), "no Python on this machine");
    }

    @Test
    void servesOnLoopbackUntilClosedAndThenIsGone() throws Exception {
        assumePython();
        PythonServer server = PythonServer.inline("hello", SERVER).args("java").start();
        ProcessHandle process;
        try {
            assertTrue(server.running(), server.toString());
            URI uri = server.uri();
            assertEquals("127.0.0.1", uri.getHost());
            try (InputStream in = uri.toURL().openStream()) {
                assertEquals("hello java", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            process = ProcessHandle.current().children().filter(p -> p.info().commandLine().orElse("").contains("hello.py"))
                    .findFirst().orElseThrow();
        } finally {
            server.close();
        }
        process.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(process.isAlive());
        assertFalse(server.running());
    }

    @Test
    void aScriptThatEndsBeforeItsPortIsAnErrorWithItsOutput() {
        assumePython();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PythonServer.inline("broken", "print('cannot bind')\nraise SystemExit(2)\n").start());
        assertTrue(e.getMessage().contains("ended without printing PORT") && e.getMessage().contains("cannot bind"),
                e.getMessage());
    }

    @Test
    void aMissingModuleSkipsInOneLineAndCloseIsHarmless() throws Exception {
        assumePython();
        try (PythonServer server = PythonServer.inline("needs", SERVER).requires("no_such_module_paralab").start()) {
            assertFalse(server.running());
            String reason = server.skipReason().orElseThrow();
            assertTrue(reason.startsWith("module no_such_module_paralab is missing"), reason);
            assertEquals(1, reason.lines().count());
            IllegalStateException e = assertThrows(IllegalStateException.class, server::uri);
            assertTrue(e.getMessage().contains(reason), e.getMessage());
        }
    }

    @Test
    void aBadScriptNameIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PythonServer.inline("../x", SERVER));
        assertTrue(e.getMessage().contains("'../x'"), e.getMessage());
    }
}
