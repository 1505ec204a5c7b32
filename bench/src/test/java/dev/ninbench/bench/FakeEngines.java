package dev.ninbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Engine folders for core's fake engine, as {@code mvn package} lays out a real one, for the launcher's tests. */
public final class FakeEngines {
    private FakeEngines() {
    }

    /**
     * A folder under {@code root/engines} whose engine JVM holds the fake under {@code name} (the fake registers as
     * "fake"; another name reuses it through the job's engine), with this test's classpath and {@code extra}
     * engine.properties lines (e.g. {@code env.NINBENCH_FAKE=crash}).
     */
    public static Path folder(Path root, String name, String extra) throws IOException {
        Path dir = Files.createDirectories(root.resolve("engines").resolve(name));
        String props = "name=" + name + "\njvm.options=-Xmx256m -Dninbench.fake.alias=" + name + "\nclasspath="
                + System.getProperty("java.class.path").replace("\\", "\\\\") + "\n" + extra;
        Files.writeString(dir.resolve("engine.properties"), props);
        return dir;
    }
}
