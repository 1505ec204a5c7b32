package dev.ninbench.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.json.Json;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.EpochResult;
import dev.ninbench.core.train.TrainConfig;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The jobs and events as they cross between the launcher and an engine JVM: their wire names and round trips. */
class WorkerMessagesTest {
    private static final TrainConfig CONFIG = new TrainConfig(2, 64, 0.05, 7, 256, 128);

    /** One job of each kind, by its wire name. */
    private static Map<String, Job> jobs() {
        return Map.of(
                "info", new Job.Info("djl", 2, Device.CPU),
                "train", new Job.Train("tf", 0, Device.gpu(1), NinSpec.tiny(), CONFIG, "run-x", "smoke", "/runs/x",
                        null, 3),
                "logits", new Job.Logits("dl4j", 1, Device.CPU, NinSpec.tiny(), CONFIG, null, "in.safetensors",
                        "out.safetensors"),
                "parity", new Job.Parity("dl4j", 1, Device.CPU, NinSpec.tiny(), CONFIG, "w.safetensors",
                        "in.safetensors", "out.safetensors"));
    }

    @Test
    void eachJobTypeGoesThroughJsonUnderItsWireName() throws Exception {
        for (Map.Entry<String, Job> e : jobs().entrySet()) {
            Job job = e.getValue();
            String json = Json.MAPPER.writeValueAsString(job);
            assertEquals(e.getKey(), Json.MAPPER.readTree(json).path("type").asText(), json);
            assertEquals(e.getKey(), job.type());
            assertEquals(job, Json.MAPPER.readValue(json, Job.class), json);
        }
    }

    @Test
    void aJobCarriesOnlyItsOwnFields() throws Exception {
        JsonNode info = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(new Job.Info("djl", 2, Device.CPU)));
        List<String> names = new ArrayList<>();
        info.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("type", "engine", "threads", "device"), names);
    }

    @Test
    void anUnknownJobTypeIsRefused() {
        assertThrows(InvalidTypeIdException.class, () -> Json.MAPPER.readValue(
                "{\"type\":\"dance\",\"engine\":\"djl\",\"threads\":0,\"device\":\"cpu\"}", Job.class));
    }

    @Test
    void anInfoJobRunsTheEngineWithTheDefaultOptionsAndTheOthersWithTheirConfig() {
        assertEquals(new ModelOptions(0.1, 42, 2, Device.CPU), jobs().get("info").modelOptions());
        assertEquals(new ModelOptions(0.05, 7, 1, Device.CPU), jobs().get("parity").modelOptions());
        assertEquals(new ModelOptions(0.05, 7, 0, Device.gpu(1)), jobs().get("train").modelOptions());
    }

    /** Every kind of job the interface permits has a sample above and reaches the handler's method for its kind. */
    @Test
    void eachJobTypeReachesItsOwnHandler() {
        List<String> handled = new ArrayList<>();
        Job.Handler handler = (Job.Handler) Proxy.newProxyInstance(Job.Handler.class.getClassLoader(),
                new Class<?>[] {Job.Handler.class}, (proxy, method, args) -> {
                    assertEquals(method.getParameterTypes()[0], args[0].getClass(), method.getName());
                    handled.add(method.getName());
                    return null;
                });
        Map<String, Job> jobs = jobs();
        for (Class<?> kind : Job.class.getPermittedSubclasses()) {
            Job job = jobs.values().stream().filter(kind::isInstance).findFirst().orElseThrow(() ->
                    new AssertionError("no sample job of " + kind.getSimpleName() + " in this test"));
            job.handledBy(handler);
            assertEquals(job.type(), handled.get(handled.size() - 1));
        }
        assertEquals(Set.of("info", "train", "logits", "parity"), Set.copyOf(handled));
    }

    @Test
    void eachEventGoesThroughOneLineUnderItsWireName() {
        BackendInfo info = new BackendInfo("djl", "DJL 0.36", "0.36", "cpu", true, null, Map.of("threads", "2"),
                List.of("cpu"));
        Map<String, WorkerEvent> events = Map.of(
                "info", new WorkerEvent.Info(info),
                "step", new WorkerEvent.Step(1, 5, 10, 2.25f, 123.5),
                "epoch", new WorkerEvent.Epoch(new EpochResult(1, 10, 2.1, 0.3, 2.0, 0.35, 12.5, 1.5, 51.2, 0.05)),
                "done", new WorkerEvent.Done(),
                "error", new WorkerEvent.Error("java.lang.OutOfMemoryError: Java heap space"));
        for (Map.Entry<String, WorkerEvent> e : events.entrySet()) {
            String line = e.getValue().toJsonLine();
            assertTrue(line.startsWith("{\"event\":\"" + e.getKey() + "\""), line);
            assertTrue(!line.contains("\n"), line);
            assertEquals(e.getValue(), WorkerEvent.parseLine(line), line);
        }
    }

    @Test
    void linesThatAreNoEventsParseAsNone() {
        assertNull(WorkerEvent.parseLine("oneDNN verbose: info,cpu,runtime:OpenMP"));
        assertNull(WorkerEvent.parseLine("{\"event\":\"dance\"}"));
        assertNull(WorkerEvent.parseLine("{\"event\":\"error\",\"message\":"));
    }
}
