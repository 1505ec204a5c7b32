package dev.ninbench.core.data;

import static dev.ninbench.core.data.IdxFixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Download logic against a local HTTP server (this machine has no internet, and tests must not need it). */
class FashionMnistDownloadTest {
    private static final byte[] GOOD = IdxFixtures.labels((byte) 9, (byte) 0, (byte) 3);
    private static final byte[] BAD = IdxFixtures.labels((byte) 9, (byte) 0, (byte) 4); // one label flipped

    @TempDir
    Path target;
    private HttpServer server;
    private URI base;

    @BeforeEach
    void serve() throws IOException {
        Map<String, byte[]> files = Map.of(
                "/fm/good-labels.gz", IdxFixtures.gzip(GOOD),
                "/fm/bad-labels.gz", IdxFixtures.gzip(BAD),
                "/fm/broken-labels.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fm/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private List<Path> filesInTarget() throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.toList();
        }
    }

    @Test
    void verifiedFileIsInstalled() throws IOException {
        String expected = IdxFixtures.sha256(GOOD);
        FashionMnist.download(base, target, List.of(new FashionMnist.IdxFile("good-labels", expected)));
        Path installed = target.resolve("good-labels.gz");
        assertEquals(List.of(installed), filesInTarget(), "the file and no leftover .part");
        assertArrayEquals(new byte[] {9, 0, 3}, Idx.readLabels(installed, 3, 10).data());
    }

    @Test
    void corruptFileIsRejectedAndNotLeftBehind() throws IOException {
        String expected = IdxFixtures.sha256(GOOD);
        List<FashionMnist.IdxFile> files = List.of(new FashionMnist.IdxFile("bad-labels", expected));
        assertFails(() -> FashionMnist.download(base, target, files),
                base + "bad-labels.gz", "expected " + expected, "is " + IdxFixtures.sha256(BAD));
        assertEquals(List.of(), filesInTarget());
    }

    @Test
    void brokenGzipIsRejectedAndNotLeftBehind() throws IOException {
        assertFails(() -> FashionMnist.download(base, target, List.of(new FashionMnist.IdxFile("broken-labels",
                IdxFixtures.sha256(GOOD)))), base + "broken-labels.gz", "corrupt gzip stream");
        assertEquals(List.of(), filesInTarget());
    }

    @Test
    void httpErrorNamesTheUrl() throws IOException {
        assertFails(() -> FashionMnist.download(base, target, List.of(new FashionMnist.IdxFile("absent", null))),
                base + "absent.gz", "HTTP 404, expected 200");
        assertEquals(List.of(), filesInTarget());
    }

    @Test
    void unreachableServerNamesTheUrl() {
        URI closed = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fm/");
        server.stop(0);
        assertFails(() -> FashionMnist.download(closed, target, List.of(new FashionMnist.IdxFile("good-labels", null))),
                closed + "good-labels.gz", "download failed");
    }
}
