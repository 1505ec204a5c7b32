package dev.ninbench.bench.cli;

import dev.ninbench.bench.launch.EngineCatalog;
import dev.ninbench.bench.launch.EngineLauncher;
import dev.ninbench.bench.launch.EngineResult;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.worker.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code nin-bench info}: which engines are here, their versions, the devices each can compute on, and whether each
 * can run on the device asked for ({@code --device}, the CPU by default).
 */
@Command(name = "info", mixinStandardHelpOptions = true, description = "List the engines: version, the devices each sees, and whether each is usable on --device here (and why not).")
public final class InfoCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws Exception {
        EngineCatalog catalog = EngineCatalog.installed();
        Path work = Files.createTempDirectory("nin-bench-info");
        System.out.printf("%-6s %-11s %-34s %-6s %s%n", "engine", "status", "engine (version)", "device", "details");
        int usable = 0;
        for (String name : catalog.names()) {
            if (!catalog.isBuilt(name)) {
                System.out.printf("%-6s %-11s %-34s %-6s %s%n", name, "not built", "-", "-",
                        "no engine folder; its module is not implemented or not packaged (mvn package)");
                continue;
            }
            Job job = new Job.Info(name, engineOptions.threads(), engineOptions.device());
            EngineResult r = new EngineLauncher().run(catalog.folder(name), job, work, e -> { });
            BackendInfo info = r.info();
            if (r.ok() && info != null && info.available()) {
                usable++;
                System.out.printf("%-6s %-11s %-34s %-6s %s%n", name, "usable", info.engine(), info.device(), info.settings());
            } else {
                System.out.printf("%-6s %-11s %-34s %-6s %s%n", name, "not usable",
                        info == null ? "?" : info.engine(), info == null ? "?" : info.device(), r.failure());
            }
            if (info != null && !info.devices().isEmpty()) {
                System.out.printf("%-6s %-11s devices: %s%n", "", "", String.join("; ", info.devices()));
            }
        }
        return usable > 0 ? 0 : 1;
    }
}
