package dev.ninbench.core.data;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Fashion-MNIST: finds the four IDX files, checks them (structure, counts, labels, SHA-256) and loads them.
 *
 * <p>Where it looks, in order: a directory given explicitly, the directory in {@value #ENV_VAR}, the Debian
 * package's {@code /usr/share/datasets/fashion-mnist}, and the user cache {@code ~/.cache/nin-bench/fashion-mnist}
 * (where {@link #download} puts the files). A place the user named is used or is an error; only the default places
 * are tried one after the other.
 */
public final class FashionMnist {
    public static final String ENV_VAR = "FASHION_MNIST_DIR";
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final URI MIRROR = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
    public static final int ROWS = 28;
    public static final int COLS = 28;
    public static final int CLASSES = 10;

    /**
     * One IDX file by its base name (found as {@code name.gz} or {@code name}) and the SHA-256 of its decompressed
     * content; hashing the decompressed bytes makes the check independent of how the file was gzipped (Debian
     * recompressed them). A null hash is not checked.
     */
    public record IdxFile(String name, String sha256) {
    }

    /** What one split must hold: {@code count} images of 28x28 and as many labels. */
    public record Split(String name, int count, IdxFile images, IdxFile labels) {
    }

    public record Splits(Dataset train, Dataset test, Path directory) {
    }

    public static final Split TRAIN = new Split("train", 60_000,
            new IdxFile("train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            new IdxFile("train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"));
    public static final Split TEST = new Split("test", 10_000,
            new IdxFile("t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            new IdxFile("t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));

    private FashionMnist() {
    }

    /** Finds (see the class comment) and loads the real dataset, verifying every file's SHA-256. */
    public static Splits load(Path dirOrNull) {
        return load(locate(dirOrNull), TRAIN, TEST);
    }

    /** Loads two splits from {@code dir} (no search), checking them against the given expectations. */
    public static Splits load(Path dir, Split train, Split test) {
        return new Splits(loadSplit(dir, train), loadSplit(dir, test), dir);
    }

    public static Dataset loadSplit(Path dir, Split split) {
        Path imagesFile = require(dir, split.images().name(), "the data directory " + dir);
        Path labelsFile = require(dir, split.labels().name(), "the data directory " + dir);
        Idx.Content images = verified(Idx.readImages(imagesFile, split.count(), ROWS, COLS), split.images());
        Idx.Content labels = verified(Idx.readLabels(labelsFile, Idx.ANY, CLASSES), split.labels());
        if (labels.count() != images.count()) {
            throw new DatasetException(Idx.name(labelsFile) + ": label count " + labels.count()
                    + " differs from image count " + images.count() + " in " + Idx.name(imagesFile));
        }
        return new Dataset("fashion-mnist " + split.name(), images.data(), labels.data(), ROWS, COLS);
    }

    private static Idx.Content verified(Idx.Content content, IdxFile expected) {
        if (expected.sha256() != null && !expected.sha256().equalsIgnoreCase(content.sha256())) {
            throw new DatasetException(Idx.name(content.file()) + ": SHA-256 of the decompressed content is "
                    + content.sha256() + ", expected " + expected.sha256() + " (" + expected.name() + ")");
        }
        return content;
    }

    // ---- locating ----

    /** The directory holding the four files, searched as the class comment says, with the real environment. */
    public static Path locate(Path dirOrNull) {
        return locate(dirOrNull, System::getenv, List.of(DEBIAN_DIR, cacheDir()));
    }

    /** {@link #locate(Path)} with the environment and default places given: tests must not depend on the real ones. */
    static Path locate(Path dirOrNull, UnaryOperator<String> env, List<Path> defaults) {
        return locate(dirOrNull, env, defaults, FashionMnist::readable);
    }

    /** ... and whether a directory can be listed and read given too: tests run as root, who can read anything. */
    static Path locate(Path dirOrNull, UnaryOperator<String> env, List<Path> defaults,
                       java.util.function.Predicate<Path> readable) {
        if (dirOrNull != null) {
            return requireAll(dirOrNull.toAbsolutePath(), "the data directory given explicitly", readable);
        }
        String fromEnv = env.apply(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return requireAll(Path.of(fromEnv).toAbsolutePath(), ENV_VAR + "=" + fromEnv, readable);
        }
        List<String> looked = new ArrayList<>(List.of("no directory given explicitly", ENV_VAR + " not set"));
        for (Path dir : defaults) {
            String problem = problem(dir, readable);
            if (problem == null) {
                return dir;
            }
            looked.add(dir + " (" + problem + ")");
        }
        throw new DatasetException("Fashion-MNIST not found: " + String.join("; ", looked)
                + ". To fix: install the Debian package dataset-fashion-mnist, set " + ENV_VAR
                + "=DIR, pass --data DIR, or download it (needs internet) into " + cacheDir());
    }

    /** The user cache, {@code ~/.cache/nin-bench/fashion-mnist}. */
    public static Path cacheDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "nin-bench", "fashion-mnist");
    }

    private static Stream<IdxFile> allFiles() {
        return Stream.of(TRAIN, TEST).flatMap(s -> Stream.of(s.images(), s.labels()));
    }

    /** Why {@code dir} cannot serve (missing, or the first file it lacks), or null when it holds all four files. */
    private static boolean readable(Path dir) {
        return Files.isReadable(dir) && Files.isExecutable(dir);
    }

    private static String problem(Path dir, java.util.function.Predicate<Path> readable) {
        if (!Files.isDirectory(dir)) {
            return Files.exists(dir) ? "not a directory" : "does not exist";
        }
        if (!readable.test(dir)) {
            return "cannot be read (permission denied)"; // its files would look missing
        }
        return allFiles().filter(f -> resolve(dir, f.name()) == null).findFirst()
                .map(f -> "lacks " + f.name() + "[.gz]").orElse(null);
    }

    private static Path requireAll(Path dir, String source, java.util.function.Predicate<Path> readable) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir + ": " + (Files.exists(dir) ? "not a directory" : "does not exist")
                    + ", expected a directory holding the Fashion-MNIST IDX files (from " + source + ")");
        }
        if (!readable.test(dir)) {
            throw new DatasetException(dir + ": cannot be read (permission denied), expected a readable directory "
                    + "holding the Fashion-MNIST IDX files (from " + source + ")");
        }
        allFiles().forEach(f -> require(dir, f.name(), source));
        return dir;
    }

    /** {@code dir/name.gz}, else {@code dir/name}; an error naming the file when neither exists. */
    private static Path require(Path dir, String name, String source) {
        Path file = resolve(dir, name);
        if (file == null) {
            throw new DatasetException(Idx.name(dir.resolve(name)) + "[.gz]: missing, expected in " + source
                    + " with " + allFiles().map(f -> f.name() + "[.gz]").collect(Collectors.joining(", ")));
        }
        return file;
    }

    /** Prefers the .gz file when both exist: it is the form the dataset is published in. */
    private static Path resolve(Path dir, String name) {
        for (Path file : List.of(dir.resolve(name + ".gz"), dir.resolve(name))) {
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    // ---- download ----

    /** Downloads the four .gz files from the official mirror into {@code targetDir}, each verified before use. */
    public static Path download(Path targetDir) {
        download(MIRROR, targetDir, allFiles().toList());
        return targetDir;
    }

    /**
     * Fetches {@code base + name + ".gz"} for every file into a temporary file next to its target, checks the
     * decompressed SHA-256, and only then moves it into place atomically: a failed or corrupt download never
     * leaves a file that {@link #load} would pick up.
     */
    static void download(URI base, Path targetDir, List<IdxFile> files) {
        try {
            Files.createDirectories(targetDir);
        } catch (IOException e) {
            throw new DatasetException(targetDir.toAbsolutePath() + ": cannot create directory (" + e + ")", e);
        }
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        for (IdxFile file : files) {
            fetch(http, base.resolve(file.name() + ".gz"), targetDir.resolve(file.name() + ".gz"), file);
        }
    }

    private static void fetch(HttpClient http, URI url, Path target, IdxFile expected) {
        Path part = null;
        try {
            part = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
            HttpResponse<Path> response = http.send(HttpRequest.newBuilder(url).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(part));
            if (response.statusCode() != 200) {
                throw new DatasetException(url + ": HTTP " + response.statusCode() + ", expected 200");
            }
            String actual;
            try {
                actual = Idx.sha256(part);
            } catch (DatasetException e) {
                throw new DatasetException(url + ": downloaded file rejected: " + e.getMessage(), e);
            }
            if (expected.sha256() != null && !expected.sha256().equalsIgnoreCase(actual)) {
                throw new DatasetException(url + ": SHA-256 of the decompressed download is " + actual
                        + ", expected " + expected.sha256() + "; not installed as " + target.toAbsolutePath());
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DatasetException(url + ": download failed (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException(url + ": download interrupted", e);
        } finally {
            deleteQuietly(part);
        }
    }

    private static void deleteQuietly(Path part) {
        try {
            if (part != null) {
                Files.deleteIfExists(part);
            }
        } catch (IOException ignored) {
            // a leftover .part file is harmless: load() never reads it
        }
    }
}
