package dev.ninbench.tf;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_CloseSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListMemoryBytes;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;

import dev.ninbench.core.engine.Device;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * The devices TensorFlow can place ops on here, and the session settings that pin a model to one of them. TensorFlow
 * Java has no public call that lists devices, so this asks the C API (TF_SessionListDevices) of an empty session.
 */
final class TfDevices {
    private static final String GPU = "GPU";

    private TfDevices() {
    }

    /**
     * Session settings for {@code device}. On the CPU no GPU is visible at all, so the GPU build on a GPU machine
     * still runs where it was asked to. On {@code gpu:N} only that GPU is visible (TensorFlow then calls it
     * {@code /device:GPU:0} and places every op that has a GPU kernel there), and memory is taken as needed, not
     * all at once, so the memory a run reports is what it used.
     */
    static ConfigProto.Builder place(ConfigProto.Builder config, Device device) {
        if (!device.isGpu()) {
            return config.putDeviceCount(GPU, 0);
        }
        return config.putDeviceCount(GPU, 1).setGpuOptions(GPUOptions.newBuilder()
                .setVisibleDeviceList(Integer.toString(device.index())).setAllowGrowth(true));
    }

    /**
     * "cpu", then "gpu:N (TensorFlow /device:GPU:N, X GiB)" for every GPU this libtensorflow can use. Its session asks
     * for {@code threads} as the run's sessions do ({@link TfModel#threads}): as the first session of the process
     * (the engine's info comes before its model), it sizes TensorFlow's thread pools for all of them. With
     * TensorFlow's defaults here, a run at one thread kept 1.7-1.8 cores busy.
     */
    static List<String> list(int threads) {
        List<String> devices = new ArrayList<>(List.of(Device.CPU.toString()));
        TF_Status status = TF_NewStatus();
        TF_Graph graph = TF_NewGraph();
        TF_SessionOptions options = TF_NewSessionOptions();
        TF_Session session = null;
        try {
            // allow_growth: listing must not reserve every GPU's memory for the life of this JVM
            byte[] config = TfModel.threads(ConfigProto.newBuilder(), threads)
                    .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true)).build().toByteArray();
            try (BytePointer bytes = new BytePointer(config)) {
                TF_SetConfig(options, bytes, config.length, status);
            }
            check(status);
            session = TF_NewSession(graph, options, status);
            check(status);
            TF_DeviceList list = TF_SessionListDevices(session, status);
            check(status);
            try {
                int gpu = 0;
                for (int i = 0; i < TF_DeviceListCount(list); i++) {
                    if (GPU.equals(TF_DeviceListType(list, i, status).getString())) {
                        String name = TF_DeviceListName(list, i, status).getString();
                        long bytes = TF_DeviceListMemoryBytes(list, i, status);
                        devices.add(String.format("%s (TensorFlow %s, %.1f GiB)", Device.gpu(gpu++),
                                name.substring(name.indexOf("/device:")), bytes / (double) (1L << 30)));
                    }
                }
            } finally {
                TF_DeleteDeviceList(list);
            }
        } finally {
            if (session != null) {
                TF_CloseSession(session, status);
                TF_DeleteSession(session, status);
            }
            TF_DeleteSessionOptions(options);
            TF_DeleteGraph(graph);
            TF_DeleteStatus(status);
        }
        return devices;
    }

    private static void check(TF_Status status) {
        if (TF_GetCode(status) != 0) {
            throw new IllegalStateException("TensorFlow cannot list its devices: " + TF_Message(status).getString());
        }
    }
}
