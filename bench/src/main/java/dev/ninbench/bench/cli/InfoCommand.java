package dev.ninbench.bench.cli;

import dev.ninbench.core.engine.EngineName;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ninbench.bench.launch.EngineCatalog;
import dev.ninbench.bench.launch.EngineLauncher;
import dev.ninbench.bench.launch.EngineResult;
import dev.ninbench.bench.pytorch.PyTorchReference;
import dev.ninbench.bench.report.Table;
import dev.ninbench.core.data.DatasetException;
import dev.ninbench.core.data.FashionMnist;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.json.Json;
import dev.ninbench.core.worker.Job;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nin-bench info}: which engines are here, their versions, the devices each can compute on, and whether each
 * can run on the device asked for ({@code --device}, the CPU by default); whether PyTorch's row will run (which
 * python, which torch); and where Fashion-MNIST was found.
 */
@Command(name = "info", mixinStandardHelpOptions = true, description = "List the engines: version, the devices each "
        + "sees, and whether each is usable on --device here (and why not); whether PyTorch's row will run (which "
        + "python, which torch); and where Fashion-MNIST is.")
public final class InfoCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON object for tools: engines (one object per engine: its "
            + "status, what it reported of itself, and why it cannot run), pytorch and data, as the text says them.")
    boolean json;

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    PyTorchOptions pytorchOptions;

    @Mixin
    DataOptions dataOptions;

    /** What {@code --json} prints. */
    record Info(List<EngineStatus> engines, PyTorchStatus pytorch, DataStatus data) {
    }

    /**
     * Whether PyTorch's row will run in train, compare and throughput with these options.
     *
     * @param torch torch's version, when the python imports it
     * @param why   why the row will not run; null when it will
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PyTorchStatus(String python, String torch, boolean runs, String why) {
        String text() {
            return runs ? "runs, with " + python + " (torch " + torch + ")" : "will not run: " + why;
        }
    }

    /**
     * Where Fashion-MNIST was found and what it holds, checksums verified; or why not, with where it looked.
     *
     * @param problem null when the data was found and verified
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DataStatus(String directory, Integer trainImages, Integer testImages, String problem) {
        String text() {
            return problem != null ? "not usable: " + problem : String.format("%s: %,d training and %,d test images, "
                    + "checksums verified", directory, trainImages, testImages);
        }
    }

    /** One engine as info reports it: {@code status} is usable, not usable or not built. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EngineStatus(String name, String status, BackendInfo info, String failure) {
        boolean usable() {
            return "usable".equals(status);
        }
    }

    @Override
    public Integer call() throws Exception {
        EngineCatalog catalog = EngineCatalog.installed();
        Path work = Files.createTempDirectory("nin-bench-info");
        List<EngineStatus> engines = new ArrayList<>();
        for (String engine : catalog.names()) {
            if (!catalog.isBuilt(engine)) {
                engines.add(new EngineStatus(engine, "not built", null,
                        "no engine folder; its module is not implemented or not packaged (mvn package)"));
                continue;
            }
            for (String name : catalog.folder(engine).engineNames()) { // the tuned variant, then the others
                Job job = new Job.Info(name, engineOptions.threads(), engineOptions.device());
                EngineResult r = new EngineLauncher().run(catalog.folder(name), job, work, e -> { });
                BackendInfo info = r.info();
                boolean usable = r.ok() && info != null && info.available();
                engines.add(new EngineStatus(name, usable ? "usable" : "not usable", info, usable ? null : r.failure()));
            }
        }
        Info info = new Info(engines, pytorch(), data());
        System.out.print(json ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(info) + "\n"
                : text(info));
        return engines.stream().anyMatch(EngineStatus::usable) ? 0 : 1;
    }

    /** PyTorch's row as train would run it with these options: on the CPU only, with --python's torch. */
    private PyTorchStatus pytorch() {
        String python = pytorchOptions.python;
        if (engineOptions.device().isGpu()) {
            return new PyTorchStatus(python, null, false, "its row runs the d2l code on the CPU only, and --device is "
                    + engineOptions.device());
        }
        if (pytorchOptions.noPytorch) {
            return new PyTorchStatus(python, null, false, pytorchOptions.leftOut());
        }
        PyTorchReference.Torch torch = pytorchOptions.reference().torch();
        return new PyTorchStatus(python, torch.version(), torch.unavailable() == null, torch.unavailable());
    }

    /** Fashion-MNIST where the commands that train would look for it (--data, else the usual places). */
    private DataStatus data() {
        try {
            FashionMnist.Splits splits = dataOptions.load();
            return new DataStatus(splits.directory().toString(), splits.train().size(), splits.test().size(), null);
        } catch (DatasetException | UncheckedIOException e) {
            return new DataStatus(null, null, null, e.getMessage());
        }
    }

    /**
     * A table of the engines, then each one's devices and settings (unset ones left out), or why it cannot run; then
     * a line for PyTorch's row and one for the data.
     */
    static String text(Info info) {
        return text(info.engines()) + "\n" + EngineName.PYTORCH + ": " + info.pytorch().text() + "\ndata: "
                + info.data().text() + "\n";
    }

    private static String text(List<EngineStatus> engines) {
        List<List<String>> rows = engines.stream().map(e -> List.of(e.name(), e.status(),
                e.info() == null ? "-" : e.info().engine(), e.info() == null ? "-" : e.info().device())).toList();
        StringBuilder sb = new StringBuilder(new Table(List.of("engine", "status", "what", "device"), rows).text());
        for (EngineStatus e : engines) {
            sb.append('\n').append(e.name()).append(":\n");
            if (e.info() != null && !e.info().devices().isEmpty()) {
                sb.append("  devices: ").append(String.join("; ", e.info().devices())).append('\n');
            }
            if (e.failure() != null) {
                sb.append("  why not: ").append(e.failure()).append('\n');
            }
            if (e.info() != null && !e.info().settings().isEmpty()) {
                sb.append("  settings: ").append(settings(e.info().settings())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String settings(Map<String, String> settings) {
        return settings.entrySet().stream().filter(s -> s.getValue() != null && !"null".equals(s.getValue()))
                .map(s -> s.getKey() + "=" + s.getValue()).collect(Collectors.joining(", "));
    }
}
