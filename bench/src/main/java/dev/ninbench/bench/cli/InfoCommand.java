package dev.ninbench.bench.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ninbench.bench.launch.EngineCatalog;
import dev.ninbench.bench.launch.EngineLauncher;
import dev.ninbench.bench.launch.EngineResult;
import dev.ninbench.bench.report.Table;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.record.Json;
import dev.ninbench.core.worker.Job;
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
 * can run on the device asked for ({@code --device}, the CPU by default).
 */
@Command(name = "info", mixinStandardHelpOptions = true, description = "List the engines: version, the devices each sees, and whether each is usable on --device here (and why not).")
public final class InfoCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print a JSON array, one object per engine (its status, what it reported "
            + "of itself, and why it cannot run), for tools.")
    boolean json;

    @Mixin
    EngineOptions engineOptions;

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
        System.out.print(json ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(engines) + "\n"
                : text(engines));
        return engines.stream().anyMatch(EngineStatus::usable) ? 0 : 1;
    }

    /** A table of the engines, then each one's devices and settings (unset ones left out), or why it cannot run. */
    static String text(List<EngineStatus> engines) {
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
