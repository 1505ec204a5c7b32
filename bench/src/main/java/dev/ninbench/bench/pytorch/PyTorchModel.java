package dev.ninbench.bench.pytorch;

import dev.ninbench.core.engine.EngineName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ninbench.bench.launch.EngineLauncher;
import dev.ninbench.core.data.Batch;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.SettingKeys;
import dev.ninbench.core.engine.StepDropout;
import dev.ninbench.core.engine.StepResult;
import dev.ninbench.core.json.Json;
import dev.ninbench.core.record.PortablePaths;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.Safetensors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PyTorch running the d2l code (bench's {@code nin_train.py}) as a {@link Model}: one python process that the
 * suite's trainer sends each batch to and gets the loss and logits back from (the protocol is in the script), so
 * PyTorch trains on the same batches, with the same shared dropout masks, and is evaluated and recorded by the same
 * code as every engine. The batch crossing the pipe (~0.4 MB at batch 128) is part of its measured step time, a
 * millisecond or so next to steps of hundreds. The process ends when this model closes, or at end of input when the
 * launcher dies.
 */
public final class PyTorchModel implements Model {
    public static final String SCRIPT = "nin_train.py";

    private final Process process;
    private final OutputStream requests;
    private final BufferedReader replies;
    private final Path workDir;
    private final Instant started;
    private final BackendInfo info;
    private NinSpec spec;
    private boolean closed;

    /** Starts PyTorch in {@code workDir} (its log and scratch files go there) with {@code threads} threads. */
    public PyTorchModel(PyTorchReference pytorch, Path workDir, int threads) {
        this.workDir = workDir;
        try {
            this.process = pytorch.start(workDir, SCRIPT, List.of(), ProcessBuilder.Redirect.PIPE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PyTorch (" + pytorch.python() + " " + SCRIPT + "): "
                    + e.getMessage(), e);
        }
        this.started = process.info().startInstant().orElseGet(Instant::now);
        this.requests = process.getOutputStream();
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            JsonNode torch = request(header("info").put("threads", threads), null).get("info");
            Map<String, String> settings = new TreeMap<>();
            settings.put(SettingKeys.THREADS_INTRAOP, torch.path("threads").asText());
            settings.put(SettingKeys.THREADS_INTEROP, torch.path("interopThreads").asText());
            settings.put("blas", torch.path("blas").asText());
            settings.put(SettingKeys.ONEDNN, torch.path("mkldnn").asText());
            settings.put(SettingKeys.NATIVE_BUILD, "cpu");
            settings.put(SettingKeys.MODEL, "the d2l code: nn.Sequential, torch.optim.SGD");
            settings.put(SettingKeys.MEMORY_FORMAT, torch.path("memoryFormat").asText());
            settings.put("python", PortablePaths.home(pytorch.python()));
            String version = torch.path("torch").asText("?");
            this.info = new BackendInfo(EngineName.PYTORCH, "PyTorch " + version + " (the d2l code: nn.Sequential, "
                    + torch.path("memoryFormat").asText() + ")", version, "cpu", true, null, settings, List.of("cpu"));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public BackendInfo info() {
        return info;
    }

    /** When the python process started: its records' wall-clock run_start. */
    public Instant started() {
        return started;
    }

    /** Builds the d2l net with {@code init} and its SGD at {@code learningRate}; returns this model. */
    public PyTorchModel open(NinSpec netSpec, NinWeights init, double learningRate) {
        Path weights = scratch("init.safetensors");
        try {
            Safetensors.writeWeights(weights, init, Map.of("format", "pt"));
        } catch (IOException e) {
            throw new UncheckedIOException(weights + ": cannot write PyTorch's initial weights: " + e.getMessage(), e);
        }
        request(header("open").put("weights", weights.toString()).put("lr", learningRate)
                .set("spec", Json.MAPPER.valueToTree(netSpec)), null);
        this.spec = netSpec;
        return this;
    }

    @Override
    public StepResult trainStep(Batch batch, StepDropout dropout) {
        ObjectNode header = header("train").put("n", batch.size());
        if (dropout instanceof StepDropout.Shared s) {
            header.putArray("masks").add(s.runSeed()).add(s.epoch()).add(s.step());
        } else {
            header.putNull("masks");
        }
        ByteBuffer payload = pixels(batch, batch.labels().length * Integer.BYTES);
        payload.asIntBuffer().put(batch.labels());
        JsonNode reply = request(header, payload.array());
        return new StepResult(reply.get("loss").floatValue(), floats(reply.get("logits")));
    }

    @Override
    public void reseed(long seed) {
        request(header("reseed").put("seed", seed), null);
    }

    @Override
    public float[] logits(Batch batch) {
        return floats(request(header("logits").put("n", batch.size()), pixels(batch, 0).array()).get("logits"));
    }

    @Override
    public NinWeights weights() {
        Path file = scratch("weights.safetensors");
        request(header("weights").put("path", file.toString()), null);
        try {
            return Safetensors.readWeights(file, spec);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read PyTorch's weights: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                requests.close(); // end of input: the script exits
            } catch (IOException e) {
                // it is gone already
            }
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ObjectNode header(String op) {
        return Json.MAPPER.createObjectNode().put("op", op);
    }

    /** The batch's images as little-endian float32, with {@code extra} bytes of room after them. */
    private static ByteBuffer pixels(Batch batch, int extra) {
        ByteBuffer buffer = ByteBuffer.allocate(batch.images().length * Float.BYTES + extra)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(batch.images());
        buffer.position(batch.images().length * Float.BYTES); // what follows (the labels) is written from here
        return buffer;
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).doubleValue(); // the float32 value, printed exactly by Python
        }
        return out;
    }

    private Path scratch(String name) {
        try {
            return Files.createDirectories(workDir.resolve("tmp")).resolve(EngineName.PYTORCH + "-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(workDir + "/tmp: cannot create: " + e.getMessage(), e);
        }
    }

    /** One request and its reply; a failure there, or PyTorch gone, is an exception with one line saying why. */
    private JsonNode request(ObjectNode header, byte[] payload) {
        if (closed) {
            throw new IllegalStateException("this PyTorch model is closed");
        }
        try {
            header.put("bytes", payload == null ? 0 : payload.length);
            requests.write((Json.MAPPER.writeValueAsString(header) + "\n").getBytes(StandardCharsets.UTF_8));
            if (payload != null) {
                requests.write(payload);
            }
            requests.flush();
            String line = replies.readLine();
            if (line == null) {
                throw gone(null);
            }
            JsonNode reply = Json.MAPPER.readTree(line);
            if (!reply.path("ok").asBoolean(false)) {
                throw new IllegalStateException("PyTorch (" + SCRIPT + ") failed on " + header.get("op").asText()
                        + ": " + reply.path("error").asText(line));
            }
            return reply;
        } catch (IOException e) {
            throw gone(e);
        }
    }

    private IllegalStateException gone(IOException cause) {
        String why;
        try {
            why = process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)
                    ? EngineLauncher.describeExit(process.exitValue()) : "stopped answering";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        }
        return new IllegalStateException("PyTorch (" + SCRIPT + ") " + why + "; see " + PyTorchReference.log(workDir)
                + (cause == null ? "" : " (" + cause.getMessage() + ")"), cause);
    }
}
